package cn.lianmeng.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    static final long SECOND = 1_000_000_000L;

    final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @Test
    void keepsOneBucketPerKey() {
        RateLimiter limiter = new RateLimiter(2, 1, SECOND, 1000, clock::get);
        assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
        assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
        assertThat(limiter.tryAcquire("alice").allowed()).isFalse();
        assertThat(limiter.tryAcquire("bob").allowed()).isTrue();
        assertThat(limiter.size()).isEqualTo(2);
    }

    @Test
    void evictsBucketsIdleLongEnoughToBeFullAgain() {
        RateLimiter limiter = new RateLimiter(10, 5, SECOND, 1000, clock::get); // full again after 2 s
        for (int i = 0; i < 50; i++) {
            limiter.tryAcquire("client-" + i);
        }
        assertThat(limiter.size()).isEqualTo(50);
        clock.addAndGet(3 * SECOND);
        limiter.tryAcquire("fresh");
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void anEvictedBucketComesBackFull() {
        RateLimiter limiter = new RateLimiter(1, 1, SECOND, 1000, clock::get);
        assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
        assertThat(limiter.tryAcquire("alice").allowed()).isFalse();
        clock.addAndGet(5 * SECOND);
        assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
    }

    @Test
    void staysWithinMaxKeysEvenWhenNothingIsIdle() {
        RateLimiter limiter = new RateLimiter(100, 1, 3600 * SECOND, 100, clock::get);
        for (int i = 0; i < 10_000; i++) {
            clock.incrementAndGet();
            limiter.tryAcquire("ip-" + i);
            assertThat(limiter.size()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void busyKeysSurviveLeastRecentlyUsedEviction() {
        RateLimiter limiter = new RateLimiter(100, 1, 3600 * SECOND, 10, clock::get);
        limiter.tryAcquire("busy");
        for (int i = 0; i < 30; i++) {
            clock.incrementAndGet();
            limiter.tryAcquire("other-" + i);
            clock.incrementAndGet();
            limiter.tryAcquire("busy");
        }
        // "busy" has used 31 of its 100 tokens; had it been evicted, it would have started over
        for (int i = 0; i < 69; i++) {
            assertThat(limiter.tryAcquire("busy").allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("busy").allowed()).isFalse();
    }
}
