package cn.lianmeng.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstUpToCapacityThenRefuses() {
        TokenBucket bucket = new TokenBucket(3, 1, SECOND, 0);
        assertThat(bucket.tryConsume(0).allowed()).isTrue();
        assertThat(bucket.tryConsume(0).allowed()).isTrue();
        assertThat(bucket.tryConsume(0).allowed()).isTrue();
        TokenBucket.Decision refused = bucket.tryConsume(0);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterNanos()).isEqualTo(SECOND);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void refillsContinuouslyAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(2, 2, SECOND, 0); // 2 tokens per second
        bucket.tryConsume(0);
        bucket.tryConsume(0);
        assertThat(bucket.tryConsume(SECOND / 4).allowed()).isFalse();
        assertThat(bucket.tryConsume(SECOND / 2).allowed()).isTrue(); // one token after 0.5 s
        assertThat(bucket.tryConsume(SECOND / 2).allowed()).isFalse();
    }

    @Test
    void neverHoldsMoreThanCapacity() {
        TokenBucket bucket = new TokenBucket(2, 10, SECOND, 0);
        assertThat(bucket.available(100 * SECOND)).isEqualTo(2.0);
        assertThat(bucket.tryConsume(100 * SECOND).allowed()).isTrue();
        assertThat(bucket.tryConsume(100 * SECOND).allowed()).isTrue();
        assertThat(bucket.tryConsume(100 * SECOND).allowed()).isFalse();
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        TokenBucket bucket = new TokenBucket(1, 30, 60 * SECOND, 0); // one token every 2 s
        bucket.tryConsume(0);
        TokenBucket.Decision refused = bucket.tryConsume(SECOND / 2);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterNanos()).isBetween(SECOND * 3 / 2 - 10, SECOND * 3 / 2 + 10);
        assertThat(refused.retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void reportsTheTimeToRefillCompletely() {
        assertThat(new TokenBucket(100, 50, SECOND, 0).nanosToFull()).isEqualTo(2 * SECOND);
        assertThat(new TokenBucket(30, 30, 60 * SECOND, 0).nanosToFull()).isEqualTo(60 * SECOND);
    }

    @Test
    void rejectsNonsenseConfiguration() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
