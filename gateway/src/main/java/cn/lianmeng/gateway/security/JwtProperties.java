package cn.lianmeng.gateway.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway verifies bearer tokens.
 *
 * <pre>
 * lianmeng.security.jwt.issuer: lianmeng
 * lianmeng.security.jwt.public-key: (PEM, optional; when set, used instead of the JWK set — tests, pinned keys)
 * lianmeng.security.jwt.jwk-set-uri: lb://org-service/.well-known/jwks.json   (lb:// = through Eureka)
 * lianmeng.security.jwt.jwk-set-timeout: 3s
 * </pre>
 */
@ConfigurationProperties("lianmeng.security.jwt")
public class JwtProperties {

    private String issuer = "lianmeng";
    private String publicKey;
    private URI jwkSetUri = URI.create("lb://org-service/.well-known/jwks.json");
    private Duration jwkSetTimeout = Duration.ofSeconds(3);

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    public URI getJwkSetUri() {
        return jwkSetUri;
    }

    public void setJwkSetUri(URI jwkSetUri) {
        this.jwkSetUri = jwkSetUri;
    }

    public Duration getJwkSetTimeout() {
        return jwkSetTimeout;
    }

    public void setJwkSetTimeout(Duration jwkSetTimeout) {
        this.jwkSetTimeout = jwkSetTimeout;
    }
}
