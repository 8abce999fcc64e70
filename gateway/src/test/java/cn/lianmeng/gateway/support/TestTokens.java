package cn.lianmeng.gateway.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** An RSA key pair made for the test run and RS256 tokens shaped like org-service's. */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private TestTokens() {
    }

    /** The public key as PEM, for {@code lianmeng.security.jwt.public-key}. */
    public static String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** The public key as a JWK set, as org-service publishes it at {@code /.well-known/jwks.json}. */
    public static String jwkSetJson() {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).keyID("test").build();
        return new JWKSet(key).toString();
    }

    /** A valid token for {@code sub} with the given username, tenant and roles. */
    public static String token(String sub, String username, String tenantId, String... roles) {
        JWTClaimsSet.Builder claims = baseClaims(sub, username, roles);
        if (tenantId != null) {
            claims.claim("tid", tenantId);
        }
        return sign(claims.build(), (RSAPrivateKey) KEYS.getPrivate());
    }

    /** A member token for a fresh random subject. */
    public static String memberToken() {
        String sub = "acc-" + UUID.randomUUID();
        return token(sub, "user-" + sub.substring(4, 12), "tenant-1", "MEMBER");
    }

    public static String expiredToken() {
        Instant past = Instant.now().minusSeconds(3600);
        JWTClaimsSet claims = new JWTClaimsSet.Builder(baseClaims("acc-expired", "old", "MEMBER").build())
                .issueTime(Date.from(past.minusSeconds(1800)))
                .expirationTime(Date.from(past))
                .build();
        return sign(claims, (RSAPrivateKey) KEYS.getPrivate());
    }

    public static String tokenSignedByAnotherKey() {
        return sign(baseClaims("acc-forged", "forged", "PLATFORM_ADMIN").build(), (RSAPrivateKey) OTHER_KEYS.getPrivate());
    }

    public static String tokenWithIssuer(String issuer) {
        return sign(baseClaims("acc-other-iss", "x", "MEMBER").issuer(issuer).build(), (RSAPrivateKey) KEYS.getPrivate());
    }

    private static JWTClaimsSet.Builder baseClaims(String sub, String username, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("lianmeng")
                .subject(sub)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(1800)))
                .claim("preferred_username", username)
                .claim("name", username)
                .claim("roles", List.of(roles));
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("test").build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
