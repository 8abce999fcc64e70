package cn.lianmeng.activity.activity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;

/** Times as the API shows them: ISO-8601 with offset in the default zone Asia/Shanghai (DESIGN §5). */
public final class Times {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Times() {
    }

    public static OffsetDateTime view(Date date) {
        return date == null ? null : date.toInstant().atZone(ZONE).toOffsetDateTime();
    }

    public static OffsetDateTime view(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }

    public static String event(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
