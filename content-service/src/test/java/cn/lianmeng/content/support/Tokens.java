package cn.lianmeng.content.support;

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
 * Tokens with every claim content-service reads (roles, {@code aid}, {@code tid}, {@code orgs}, {@code parks},
 * {@code buildings}, {@code mid}), signed with the platform test key ({@link TestTokens#privateKeyPem()}), so the
 * service verifies them exactly like {@link TestTokens}' own.
 */
public final class Tokens {

    private static final NimbusJwtEncoder ENCODER;

    static {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey priv = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(decode(TestTokens.privateKeyPem())));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(decode(TestTokens.publicKeyPem())));
            ENCODER = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(pub).privateKey(priv).keyID("test").build())));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tokens() {
    }

    private static byte[] decode(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    public static Builder account(String accountId) {
        return new Builder(accountId);
    }

    public static String allianceAdmin(String allianceId) {
        return account("aa-" + UUID.randomUUID()).alliance(allianceId).roles(Role.ALLIANCE_ADMIN).token();
    }

    public static String enterpriseAdmin(String allianceId, String tenantId) {
        return account("ea-" + UUID.randomUUID()).alliance(allianceId).tenant(tenantId).roles(Role.ENTERPRISE_ADMIN).token();
    }

    public static String orgAdmin(String allianceId, String tenantId, String... orgIds) {
        return account("oa-" + UUID.randomUUID()).alliance(allianceId).tenant(tenantId).orgs(orgIds).roles(Role.ORG_ADMIN).token();
    }

    public static String staff(String allianceId, List<String> parks, List<String> buildings) {
        return account("st-" + UUID.randomUUID()).alliance(allianceId).parks(parks.toArray(String[]::new))
                .buildings(buildings.toArray(String[]::new)).roles(Role.DISTRICT_STAFF).token();
    }

    public static String auditor(String allianceId) {
        return account("au-" + UUID.randomUUID()).alliance(allianceId).roles(Role.AUDITOR).token();
    }

    public static final class Builder {
        private final String accountId;
        private String allianceId;
        private String tenantId;
        private String memberId;
        private List<String> roles = List.of();
        private List<String> orgs = List.of();
        private List<String> parks = List.of();
        private List<String> buildings = List.of();
        private String name;

        private Builder(String accountId) {
            this.accountId = accountId;
        }

        public Builder alliance(String id) {
            this.allianceId = id;
            return this;
        }

        public Builder tenant(String id) {
            this.tenantId = id;
            return this;
        }

        public Builder member(String id) {
            this.memberId = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder roles(Role... roles) {
            this.roles = Arrays.stream(roles).map(Enum::name).toList();
            return this;
        }

        public Builder orgs(String... ids) {
            this.orgs = List.of(ids);
            return this;
        }

        public Builder parks(String... ids) {
            this.parks = List.of(ids);
            return this;
        }

        public Builder buildings(String... ids) {
            this.buildings = List.of(ids);
            return this;
        }

        public String token() {
            Instant now = Instant.now();
            JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                    .issuer(TokenClaims.ISSUER).subject(accountId).id(UUID.randomUUID().toString())
                    .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(30)))
                    .claim(TokenClaims.USERNAME, accountId)
                    .claim(TokenClaims.NAME, name == null ? accountId : name)
                    .claim(TokenClaims.ROLES, roles).claim(TokenClaims.ORGS, orgs)
                    .claim(TokenClaims.PARKS, parks).claim(TokenClaims.BUILDINGS, buildings);
            if (allianceId != null) {
                claims.claim(TokenClaims.ALLIANCE, allianceId);
            }
            if (tenantId != null) {
                claims.claim(TokenClaims.TENANT, tenantId);
            }
            if (memberId != null) {
                claims.claim(TokenClaims.MEMBER, memberId);
            }
            JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build();
            return ENCODER.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        }
    }
}
