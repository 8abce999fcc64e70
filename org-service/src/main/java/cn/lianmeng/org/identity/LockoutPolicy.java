package cn.lianmeng.org.identity;

import java.time.Duration;
import java.time.Instant;

/** 5 failed logins in a row lock the account for 30 minutes (等保 level 3 practice). */
public record LockoutPolicy(int maxFailures, Duration lockDuration) {

    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, Duration.ofMinutes(30));

    public boolean isLocked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Whether this failure (the n-th in a row) locks the account. */
    public boolean locksAfter(int consecutiveFailures) {
        return consecutiveFailures >= maxFailures;
    }

    public Instant lockUntil(Instant now) {
        return now.plus(lockDuration);
    }
}
