package cn.lianmeng.gateway.limits;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills continuously at {@code refillTokens} per
 * {@code refillPeriodNanos}, and every request takes one token. Time is passed in (nanoseconds from any fixed origin),
 * so the class is deterministic under test. Thread-safe.
 */
public final class TokenBucket {

    /** The outcome of one attempt: allowed, or refused with the wait until the next token. */
    public record Decision(boolean allowed, long retryAfterNanos) {

        /** Whole seconds to wait, rounded up, at least 1 (for {@code Retry-After}). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
        }
    }

    private static final Decision ALLOWED = new Decision(true, 0);

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long lastRefillNanos;
    private volatile long lastUsedNanos;

    public TokenBucket(long capacity, long refillTokens, long refillPeriodNanos, long nowNanos) {
        if (capacity < 1 || refillTokens < 1 || refillPeriodNanos < 1) {
            throw new IllegalArgumentException("capacity, refill tokens and refill period must be positive");
        }
        this.capacity = capacity;
        this.tokensPerNano = (double) refillTokens / refillPeriodNanos;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
        this.lastUsedNanos = nowNanos;
    }

    public synchronized Decision tryConsume(long nowNanos) {
        refill(nowNanos);
        lastUsedNanos = nowNanos;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return ALLOWED;
        }
        long wait = (long) Math.ceil((1.0 - tokens) / tokensPerNano);
        return new Decision(false, Math.max(1, wait));
    }

    /** Tokens available at {@code nowNanos} (refilling first). */
    public synchronized double available(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    public long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Nanoseconds an empty bucket needs to be full again; an idle bucket older than this equals a fresh one. */
    public long nanosToFull() {
        return (long) Math.ceil(capacity / tokensPerNano);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastRefillNanos = nowNanos;
        }
    }
}
