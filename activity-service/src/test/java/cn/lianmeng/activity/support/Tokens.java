package cn.lianmeng.activity.support;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

/**
 * Test tokens with every claim activity-service reads ({@code roles}, {@code aid}, {@code tid}, {@code orgs},
 * {@code mid}), signed with the platform test key ({@link TestTokens}) so the service verifies them like real ones.
 */
public final class Tokens {

    private static final NimbusJwtEncoder ENCODER;

    static {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(TestTokens.publicKeyPem())));
            RSAPrivateKey priv = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(TestTokens.privateKeyPem())));
            ENCODER = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(pub).privateKey(priv).keyID("test").build())));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tokens() {
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    public static String allianceAdmin(String alliance) {
        return token("alliance-admin", alliance, null, List.of(), null, Role.ALLIANCE_ADMIN);
    }

    public static String enterpriseAdmin(String alliance, String tenant) {
        return token("ent-admin-" + tenant, alliance, tenant, List.of(), null, Role.ENTERPRISE_ADMIN);
    }

    public static String orgAdmin(String alliance, String tenant, String... orgIds) {
        return token("org-admin-" + String.join("-", orgIds), alliance, tenant, List.of(orgIds), null, Role.ORG_ADMIN);
    }

    public static String member(String alliance, String tenant, String memberId) {
        return token("member-" + memberId, alliance, tenant, List.of(), memberId, Role.MEMBER);
    }

    public static String staff(String alliance, List<String> parks) {
        JwtClaimsSet.Builder claims = base("staff", alliance, null, List.of(), null, Role.DISTRICT_STAFF).claim(TokenClaims.PARKS, parks);
        return encode(claims);
    }

    public static String auditor(String alliance) {
        return token("auditor", alliance, null, List.of(), null, Role.AUDITOR);
    }

    public static String token(String username, String alliance, String tenant, List<String> orgs, String memberId, Role... roles) {
        return encode(base(username, alliance, tenant, orgs, memberId, roles));
    }

    private static JwtClaimsSet.Builder base(String username, String alliance, String tenant, List<String> orgs, String memberId, Role... roles) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(TokenClaims.ISSUER).subject("acct-" + username + "-" + UUID.randomUUID()).id(UUID.randomUUID().toString())
                .issuedAt(now).expiresAt(now.plus(Duration.ofHours(2)))
                .claim(TokenClaims.USERNAME, username).claim(TokenClaims.NAME, username)
                .claim(TokenClaims.ROLES, Arrays.stream(roles).map(Enum::name).toList())
                .claim(TokenClaims.ORGS, orgs).claim(TokenClaims.PARKS, List.of()).claim(TokenClaims.BUILDINGS, List.of());
        if (alliance != null) {
            claims.claim(TokenClaims.ALLIANCE, alliance);
        }
        if (tenant != null) {
            claims.claim(TokenClaims.TENANT, tenant);
        }
        if (memberId != null) {
            claims.claim(TokenClaims.MEMBER, memberId);
        }
        return claims;
    }

    private static String encode(JwtClaimsSet.Builder claims) {
        return ENCODER.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build(), claims.build()))
                .getTokenValue();
    }
}
