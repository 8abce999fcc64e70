package cn.lianmeng.platform.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code lianmeng.*} settings shared by every service. */
@ConfigurationProperties("lianmeng")
public class PlatformProperties {

    /** The service's public path prefix, e.g. {@code /api/activity}. */
    private String apiPrefix = "/api";
    private final Security security = new Security();
    private final Web web = new Web();
    private final Outbox outbox = new Outbox();
    private final Consumer consumer = new Consumer();

    public String getApiPrefix() {
        return apiPrefix;
    }

    public void setApiPrefix(String apiPrefix) {
        this.apiPrefix = apiPrefix;
    }

    public Security getSecurity() {
        return security;
    }

    public Web getWeb() {
        return web;
    }

    public Outbox getOutbox() {
        return outbox;
    }

    public Consumer getConsumer() {
        return consumer;
    }

    public static class Security {
        private final Jwt jwt = new Jwt();
        /** Extra paths open without a token (health, info and API docs are always open). */
        private List<String> publicPaths = new ArrayList<>();
        /** Paths a caller with a pending forced password change may still use. */
        private List<String> passwordChangePaths = new ArrayList<>(List.of("/api/auth/me", "/api/auth/password"));

        public Jwt getJwt() {
            return jwt;
        }

        public List<String> getPublicPaths() {
            return publicPaths;
        }

        public void setPublicPaths(List<String> publicPaths) {
            this.publicPaths = publicPaths;
        }

        public List<String> getPasswordChangePaths() {
            return passwordChangePaths;
        }

        public void setPasswordChangePaths(List<String> passwordChangePaths) {
            this.passwordChangePaths = passwordChangePaths;
        }
    }

    public static class Jwt {
        /** PEM public key that verifies tokens; when empty, the JWK set below is used. */
        private String publicKey = "";
        /** JWK set published by org-service; resolved through the registry when {@link #jwkSetLoadBalanced}. */
        private String jwkSetUri = "http://org-service/.well-known/jwks.json";
        private boolean jwkSetLoadBalanced = true;

        public String getPublicKey() {
            return publicKey;
        }

        public void setPublicKey(String publicKey) {
            this.publicKey = publicKey;
        }

        public String getJwkSetUri() {
            return jwkSetUri;
        }

        public void setJwkSetUri(String jwkSetUri) {
            this.jwkSetUri = jwkSetUri;
        }

        public boolean isJwkSetLoadBalanced() {
            return jwkSetLoadBalanced;
        }

        public void setJwkSetLoadBalanced(boolean jwkSetLoadBalanced) {
            this.jwkSetLoadBalanced = jwkSetLoadBalanced;
        }
    }

    public static class Web {
        /** Largest JSON request body; larger ones are answered 413. */
        private DataSize maxJsonBody = DataSize.ofMegabytes(1);

        public DataSize getMaxJsonBody() {
            return maxJsonBody;
        }

        public void setMaxJsonBody(DataSize maxJsonBody) {
            this.maxJsonBody = maxJsonBody;
        }
    }

    public static class Outbox {
        /** How often the sweep looks for messages the fast path left behind. */
        private Duration sweepInterval = Duration.ofSeconds(2);

        public Duration getSweepInterval() {
            return sweepInterval;
        }

        public void setSweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
        }
    }

    public static class Consumer {
        /** Retries of a failing message before it is dead-lettered (malformed messages are dead-lettered at once). */
        private int maxRetries = 6;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(10);

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }
}
