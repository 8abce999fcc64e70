package cn.lianmeng.platform.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.security.TokenClaims;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signs test tokens with a key pair made once per JVM; services under test verify them with {@link #publicKeyPem()}. */
public final class TestTokens {

    private static final KeyPair KEYS;
    private static final NimbusJwtEncoder ENCODER;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KEYS = generator.generateKeyPair();
            RSAKey jwk = new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).privateKey((RSAPrivateKey) KEYS.getPrivate())
                    .keyID("test").build();
            ENCODER = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestTokens() {
    }

    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }

    /** The private key as PKCS#8 PEM, for a service under test that issues tokens itself (org-service). */
    public static String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
    }

    public static Builder user(String username) {
        return new Builder(username);
    }

    /** An alliance administrator of the alliance. */
    public static String allianceAdmin(String allianceId) {
        return user("alliance-admin-" + allianceId).alliance(allianceId).roles(Role.ALLIANCE_ADMIN).token();
    }

    /** An enterprise administrator of one tenant. */
    public static String enterpriseAdmin(String allianceId, String tenantId) {
        return user("ent-admin-" + tenantId).alliance(allianceId).tenant(tenantId).roles(Role.ENTERPRISE_ADMIN).token();
    }

    public static String member(String allianceId, String tenantId) {
        return user("member-" + tenantId).alliance(allianceId).tenant(tenantId).roles(Role.MEMBER).token();
    }

    public static final class Builder {
        private final String username;
        private String allianceId;
        private String tenantId;
        private List<String> roles = List.of();
        private List<String> parks = List.of();
        private List<String> buildings = List.of();
        private boolean passwordChange;
        private String issuer = TokenClaims.ISSUER;
        private Instant issuedAt = Instant.now();

        private Builder(String username) {
            this.username = username;
        }

        public Builder alliance(String id) {
            this.allianceId = id;
            return this;
        }

        public Builder tenant(String id) {
            this.tenantId = id;
            return this;
        }

        public Builder roles(Role... roles) {
            this.roles = java.util.Arrays.stream(roles).map(Enum::name).toList();
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

        public Builder passwordChangeRequired() {
            this.passwordChange = true;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder expired() {
            this.issuedAt = Instant.now().minus(Duration.ofHours(2));
            return this;
        }

        public String token() {
            JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                    .issuer(issuer)
                    .subject("acct-" + username)
                    .id(UUID.randomUUID().toString())
                    .issuedAt(issuedAt)
                    .expiresAt(issuedAt.plus(Duration.ofMinutes(30)))
                    .claim(TokenClaims.USERNAME, username)
                    .claim(TokenClaims.NAME, username)
                    .claim(TokenClaims.ROLES, roles)
                    .claim(TokenClaims.PARKS, parks)
                    .claim(TokenClaims.BUILDINGS, buildings);
            if (allianceId != null) {
                claims.claim(TokenClaims.ALLIANCE, allianceId);
            }
            if (tenantId != null) {
                claims.claim(TokenClaims.TENANT, tenantId);
            }
            if (passwordChange) {
                claims.claim(TokenClaims.PASSWORD_CHANGE, true);
            }
            JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build();
            return ENCODER.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        }
    }
}
