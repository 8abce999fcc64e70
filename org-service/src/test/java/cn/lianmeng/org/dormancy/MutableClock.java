package cn.lianmeng.org.dormancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests can move, so that days pass without waiting. */
final class MutableClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;
    private final MutableClock source;

    MutableClock(Instant start) {
        this.now = start;
        this.zone = ZoneOffset.UTC;
        this.source = null;
    }

    private MutableClock(MutableClock source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    void set(Instant instant) {
        root().now = instant;
    }

    void advance(Duration d) {
        root().now = root().now.plus(d);
    }

    private MutableClock root() {
        return source == null ? this : source.root();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(root(), zone);
    }

    @Override
    public Instant instant() {
        return root().now;
    }
}
