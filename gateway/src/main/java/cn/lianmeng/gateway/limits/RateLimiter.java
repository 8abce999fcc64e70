package cn.lianmeng.gateway.limits;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets per key (a user id, a client IP). Memory stays bounded: buckets idle long enough to be
 * full again are dropped (which loses nothing), swept at most once per {@code sweepIntervalNanos}; if more than
 * {@code maxKeys} buckets are live, the least recently used go first.
 */
public final class RateLimiter {

    private final long capacity;
    private final long refillTokens;
    private final long refillPeriodNanos;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final long idleNanos;
    private final long sweepIntervalNanos;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweepNanos;

    public RateLimiter(long capacity, long refillTokens, long refillPeriodNanos, int maxKeys, LongSupplier nanoClock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
        this.capacity = capacity;
        this.refillTokens = refillTokens;
        this.refillPeriodNanos = refillPeriodNanos;
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        this.idleNanos = new TokenBucket(capacity, refillTokens, refillPeriodNanos, now).nanosToFull();
        this.sweepIntervalNanos = Math.max(1_000_000_000L, Math.min(idleNanos, 60_000_000_000L));
        this.lastSweepNanos = new AtomicLong(now);
    }

    public TokenBucket.Decision tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        maybeSweep(now);
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(capacity, refillTokens, refillPeriodNanos, now));
        return bucket.tryConsume(now);
    }

    /** Number of buckets currently held. */
    public int size() {
        return buckets.size();
    }

    private void maybeSweep(long now) {
        long last = lastSweepNanos.get();
        boolean due = now - last >= sweepIntervalNanos;
        boolean full = buckets.size() >= maxKeys;
        if ((due || full) && lastSweepNanos.compareAndSet(last, now)) {
            evictIdle(now);
            if (buckets.size() >= maxKeys) {
                evictLeastRecentlyUsed(buckets.size() - maxKeys * 9 / 10);
            }
        }
    }

    /** Drops every bucket unused for at least the time it needs to refill completely. */
    void evictIdle(long now) {
        buckets.entrySet().removeIf(e -> now - e.getValue().lastUsedNanos() >= idleNanos);
    }

    private void evictLeastRecentlyUsed(int count) {
        if (count <= 0) {
            return;
        }
        buckets.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().lastUsedNanos()))
                .limit(count)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(buckets::remove);
    }
}
