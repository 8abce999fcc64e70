package cn.lianmeng.org.dormancy;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.security.TokenClaims;
import cn.lianmeng.platform.testing.TestTokens;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** ORG_ADMIN tokens with an {@code orgs} claim (TestTokens has no builder for it), signed with the same test key. */
final class OrgAdminTokens {

    private static final NimbusJwtEncoder ENCODER;

    static {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey priv = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(TestTokens.privateKeyPem())));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(TestTokens.publicKeyPem())));
            ENCODER = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(pub).privateKey(priv).keyID("test").build())));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OrgAdminTokens() {
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    static String orgAdmin(String allianceId, String tenantId, String... orgIds) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(TokenClaims.ISSUER)
                .subject("acct-org-admin-" + UUID.randomUUID())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(30)))
                .claim(TokenClaims.USERNAME, "org-admin")
                .claim(TokenClaims.NAME, "支部管理员")
                .claim(TokenClaims.ROLES, List.of(Role.ORG_ADMIN.name()))
                .claim(TokenClaims.ALLIANCE, allianceId)
                .claim(TokenClaims.TENANT, tenantId)
                .claim(TokenClaims.ORGS, List.of(orgIds))
                .claim(TokenClaims.PARKS, List.of())
                .claim(TokenClaims.BUILDINGS, List.of())
                .build();
        return ENCODER.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build(), claims)).getTokenValue();
    }
}
