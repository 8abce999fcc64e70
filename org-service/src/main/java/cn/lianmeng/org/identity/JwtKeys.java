package cn.lianmeng.org.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import cn.lianmeng.platform.config.PlatformSecurityConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RS256 signing key. From configuration (PEM in {@code JWT_PRIVATE_KEY}/{@code JWT_PUBLIC_KEY}) in production;
 * otherwise generated on first start and persisted under {@code JWT_KEY_DIR}, so local tokens survive restarts.
 */
public final class JwtKeys {

    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

    private final RSAKey jwk;

    private JwtKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        try {
            RSAKey bare = new RSAKey.Builder(publicKey).build();
            this.jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE)
                    .keyID(bare.computeThumbprint().toString()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JwtKeys load(String privatePem, String publicPem, Path keyDir) {
        if (privatePem != null && !privatePem.isBlank() && publicPem != null && !publicPem.isBlank()) {
            return new JwtKeys(PlatformSecurityConfiguration.parsePublicKey(publicPem), parsePrivateKey(privatePem));
        }
        Path privateFile = keyDir.resolve("signing-key.pem");
        Path publicFile = keyDir.resolve("signing-key.pub.pem");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return new JwtKeys(PlatformSecurityConfiguration.parsePublicKey(Files.readString(publicFile)),
                        parsePrivateKey(Files.readString(privateFile)));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(keyDir);
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.warn("Generated a new token signing key in {} (set JWT_PRIVATE_KEY/JWT_PUBLIC_KEY in production)", keyDir.toAbsolutePath());
            return new JwtKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key in " + keyDir, e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static RSAPrivateKey parsePrivateKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("JWT private key is not a valid PKCS#8 RSA key", e);
        }
    }

    public RSAKey signingKey() {
        return jwk;
    }

    public RSAPublicKey publicKey() {
        try {
            return jwk.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK set, as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicJwkSet() {
        return new JWKSet(jwk.toPublicJWK());
    }
}
