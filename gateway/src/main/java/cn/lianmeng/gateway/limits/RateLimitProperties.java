package cn.lianmeng.gateway.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * In-memory rate limits (token buckets).
 *
 * <pre>
 * lianmeng.gateway.rate-limit.enabled: true
 * lianmeng.gateway.rate-limit.per-user:      {capacity: 100, refill-tokens: 50, refill-period: 1s}   # by token sub
 * lianmeng.gateway.rate-limit.login-per-ip:  {capacity: 30,  refill-tokens: 30, refill-period: 1m}   # POST /api/auth/login
 * lianmeng.gateway.rate-limit.apply-per-ip:  {capacity: 10,  refill-tokens: 10, refill-period: 1h}   # POST /api/org/onboarding/applications
 * lianmeng.gateway.rate-limit.max-tracked-keys: 100000                                              # per limiter
 * </pre>
 */
@ConfigurationProperties("lianmeng.gateway.rate-limit")
public class RateLimitProperties {

    private boolean enabled = true;
    private Bucket perUser = new Bucket(100, 50, Duration.ofSeconds(1));
    private Bucket loginPerIp = new Bucket(30, 30, Duration.ofMinutes(1));
    /** Public onboarding applications: anyone may apply without an account, so the only key is the client address. */
    private Bucket applyPerIp = new Bucket(10, 10, Duration.ofHours(1));
    private int maxTrackedKeys = 100_000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Bucket getPerUser() {
        return perUser;
    }

    public void setPerUser(Bucket perUser) {
        this.perUser = perUser;
    }

    public Bucket getLoginPerIp() {
        return loginPerIp;
    }

    public void setLoginPerIp(Bucket loginPerIp) {
        this.loginPerIp = loginPerIp;
    }

    public Bucket getApplyPerIp() {
        return applyPerIp;
    }

    public void setApplyPerIp(Bucket applyPerIp) {
        this.applyPerIp = applyPerIp;
    }

    public int getMaxTrackedKeys() {
        return maxTrackedKeys;
    }

    public void setMaxTrackedKeys(int maxTrackedKeys) {
        this.maxTrackedKeys = maxTrackedKeys;
    }

    /** Burst size and sustained rate ({@code refillTokens} per {@code refillPeriod}). */
    public static class Bucket {

        private long capacity;
        private long refillTokens;
        private Duration refillPeriod;

        public Bucket() {
        }

        public Bucket(long capacity, long refillTokens, Duration refillPeriod) {
            this.capacity = capacity;
            this.refillTokens = refillTokens;
            this.refillPeriod = refillPeriod;
        }

        public long getCapacity() {
            return capacity;
        }

        public void setCapacity(long capacity) {
            this.capacity = capacity;
        }

        public long getRefillTokens() {
            return refillTokens;
        }

        public void setRefillTokens(long refillTokens) {
            this.refillTokens = refillTokens;
        }

        public Duration getRefillPeriod() {
            return refillPeriod;
        }

        public void setRefillPeriod(Duration refillPeriod) {
            this.refillPeriod = refillPeriod;
        }

        RateLimiter newLimiter(int maxKeys) {
            return new RateLimiter(capacity, refillTokens, refillPeriod.toNanos(), maxKeys, System::nanoTime);
        }
    }
}
