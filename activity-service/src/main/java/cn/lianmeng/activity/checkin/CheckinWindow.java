package cn.lianmeng.activity.checkin;

import java.time.Duration;
import java.time.Instant;

/**
 * When a member may check in and whether they are late (plain class, unit-tested). Offline: from {@code opensBefore}
 * before the start to {@code closesAfter} after it. Online: from the same opening until the activity ends (joining
 * late is still joining). Arriving more than {@code lateAfter} after the start counts as late.
 */
public record CheckinWindow(Instant start, Instant end, Duration opensBefore, Duration closesAfter, Duration lateAfter) {

    public enum Position { TOO_EARLY, OPEN, CLOSED }

    public Instant opensAt() {
        return start.minus(opensBefore);
    }

    public Instant closesAt(boolean online) {
        Instant offlineClose = start.plus(closesAfter);
        return online && end.isAfter(offlineClose) ? end : offlineClose;
    }

    public Position position(Instant now, boolean online) {
        if (now.isBefore(opensAt())) {
            return Position.TOO_EARLY;
        }
        return now.isAfter(closesAt(online)) ? Position.CLOSED : Position.OPEN;
    }

    public boolean late(Instant now) {
        return now.isAfter(start.plus(lateAfter));
    }
}
