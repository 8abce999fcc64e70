package cn.lianmeng.activity.activity;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import cn.lianmeng.platform.web.FieldProblem;

/** Validation of an activity's basic fields (plain, unit-tested). Adds field problems; answers the parsed values. */
public final class ActivityRules {

    static final Duration MAX_DURATION = Duration.ofDays(7);

    /**
     * Activities that end after {@code from}: {@code endAt > from}, and — since none lasts longer than
     * {@link #MAX_DURATION} — {@code startAt >= from - MAX_DURATION}, the bound that turns "overlaps a window" into a
     * range of the {@code startAt} indexes instead of everything that started before the window's end.
     */
    public static org.bson.conversions.Bson endingAfter(java.time.Instant from) {
        return com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.gt("endAt", java.util.Date.from(from)),
                com.mongodb.client.model.Filters.gte("startAt", java.util.Date.from(from.minus(MAX_DURATION))));
    }

    private ActivityRules() {
    }

    public record Basics(ActivityType type, ActivityMode mode, Instant start, Instant end) {
    }

    /**
     * @param timesChanged whether start/end are new (a new activity, or an edit that moves it): then the start must not
     *                     lie in the past
     * @param hasRoom      a room is (or will be) booked, which stands in for an address
     */
    public static Basics check(String type, String mode, OffsetDateTime startAt, OffsetDateTime endAt, String address,
                               boolean hasRoom, String meetingUrl, ActivityRequests.Geofence geofence, Integer capacity,
                               Boolean signUpRequired, Instant now, boolean timesChanged, List<FieldProblem> errors) {
        ActivityType t = ActivityType.parse(type).orElse(null);
        if (t == null) {
            errors.add(new FieldProblem("type", "须为 " + String.join("、", java.util.Arrays.stream(ActivityType.values()).map(Enum::name).toList())));
        }
        ActivityMode m = ActivityMode.parse(mode).orElse(null);
        if (m == null) {
            errors.add(new FieldProblem("mode", "须为 OFFLINE（线下）、ONLINE（线上）或 HYBRID（线上线下结合）"));
        }
        Instant start = startAt == null ? null : startAt.toInstant();
        Instant end = endAt == null ? null : endAt.toInstant();
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                errors.add(new FieldProblem("endAt", "结束时间须晚于开始时间"));
            } else if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
                errors.add(new FieldProblem("endAt", "活动时长不能超过 7 天"));
            }
            if (timesChanged && start.isBefore(now)) {
                errors.add(new FieldProblem("startAt", "开始时间不能早于当前时间"));
            }
        }
        if (m != null) {
            if (m.offline() && (address == null || address.isBlank()) && !hasRoom) {
                errors.add(new FieldProblem("address", "线下活动须填写地点或预订党群服务中心的会议室（roomId）"));
            }
            if (m.online()) {
                String problem = meetingUrlProblem(meetingUrl);
                if (problem != null) {
                    errors.add(new FieldProblem("meetingUrl", problem));
                }
            } else if (meetingUrl != null && !meetingUrl.isBlank()) {
                errors.add(new FieldProblem("meetingUrl", "线下活动不设会议链接；线上或线上线下结合请选择 ONLINE 或 HYBRID"));
            }
            if (!m.offline() && geofence != null) {
                errors.add(new FieldProblem("geofence", "线上活动不设签到地理围栏"));
            }
        }
        if (capacity != null && Boolean.FALSE.equals(signUpRequired)) {
            errors.add(new FieldProblem("capacity", "设定名额的活动须报名（signUpRequired 不能为 false）"));
        }
        return new Basics(t, m, start, end);
    }

    static String meetingUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "线上活动须填写会议链接";
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) || uri.getHost() == null) {
                return "须为 http(s) 链接";
            }
            return null;
        } catch (Exception e) {
            return "须为 http(s) 链接";
        }
    }
}
