package cn.lianmeng.activity.activity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/**
 * Bodies of the {@code activity.activity.v1} events (contract v1, owned by activity-service; see
 * docs/activity-contracts.md). Every body is the activity's snapshot after the change with its {@code version}.
 */
public final class ActivityEvents {

    public static final String TOPIC = "activity.activity.v1";
    public static final String SCHEDULED = "ActivityScheduled";
    public static final String CHANGED = "ActivityChanged";
    public static final String HELD = "ActivityHeld";
    public static final String CANCELLED = "ActivityCancelled";
    public static final String REMINDER_DUE = "ActivityReminderDue";

    private ActivityEvents() {
    }

    /** ActivityScheduled / ActivityChanged / ActivityCancelled. */
    public static Map<String, Object> snapshot(Document d, List<String> changedFields, String occurredAt) {
        Map<String, Object> body = common(d);
        body.put("mode", d.getString("mode"));
        body.put("status", d.getString("status"));
        body.put("address", d.getString("address"));
        Document booking = d.get("booking", Document.class);
        body.put("roomId", booking == null ? null : booking.getString("roomId"));
        body.put("roomName", booking == null ? null : booking.getString("roomName"));
        body.put("centreName", booking == null ? null : booking.getString("centreName"));
        Document audience = d.get("audience", Document.class);
        body.put("audience", Map.of("scope", audience.getString("scope"), "orgIds", audience.getList("orgIds", String.class, List.of())));
        body.put("audienceOrgIds", d.getList("audienceOrgIds", String.class, List.of()));
        body.put("joint", d.getBoolean("joint", false));
        body.put("participants", d.getList("participants", Document.class, List.of()).stream()
                .map(p -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("orgId", p.getString("orgId"));
                    m.put("tenantId", p.getString("tenantId"));
                    m.put("role", p.getString("role"));
                    m.put("status", p.getString("status"));
                    return m;
                }).toList());
        body.put("seriesId", d.getString("seriesId"));
        if (changedFields != null) {
            body.put("changedFields", changedFields);
        }
        if (d.getString("cancelReason") != null) {
            body.put("cancelReason", d.getString("cancelReason"));
        }
        body.put("version", d.get("version", Number.class).longValue());
        body.put("occurredAt", occurredAt);
        return body;
    }

    /** ActivityHeld: the contract org-service's coverage consumes (names fixed, see docs/activity-contracts.md). */
    public static Map<String, Object> held(Document d, String occurredAt) {
        Map<String, Object> body = common(d);
        body.put("heldAt", Times.event(d.getDate("heldAt")));
        Document attendance = d.get("attendance", Document.class);
        body.put("reachedEnterpriseIds", attendance.getList("reachedEnterpriseIds", String.class, List.of()));
        body.put("organisations", attendance.getList("organisations", Document.class, List.of()).stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("orgId", o.getString("orgId"));
            m.put("tenantId", o.getString("tenantId"));
            m.put("present", o.getInteger("present", 0));
            m.put("late", o.getInteger("late", 0));
            m.put("onLeave", o.getInteger("onLeave", 0));
            m.put("absent", o.getInteger("absent", 0));
            m.put("fullMembers", o.getInteger("fullMembers", 0));
            m.put("fullPresent", o.getInteger("fullPresent", 0));
            m.put("quorumRequired", o.getBoolean("quorumRequired", false));
            m.put("quorumMet", o.getBoolean("quorumMet", false));
            return m;
        }).toList());
        body.put("joint", d.getBoolean("joint", false));
        body.put("seriesId", d.getString("seriesId"));
        body.put("version", d.get("version", Number.class).longValue());
        body.put("occurredAt", occurredAt);
        return body;
    }

    /** ActivityReminderDue: for content-service to deliver to the audience's inboxes. */
    public static Map<String, Object> reminder(Document d, String reminder, String occurredAt) {
        Map<String, Object> body = common(d);
        body.put("reminder", reminder);
        body.put("mode", d.getString("mode"));
        body.put("address", d.getString("address"));
        Document booking = d.get("booking", Document.class);
        body.put("roomName", booking == null ? null : booking.getString("roomName"));
        body.put("centreName", booking == null ? null : booking.getString("centreName"));
        Document audience = d.get("audience", Document.class);
        body.put("audience", Map.of("scope", audience.getString("scope"), "orgIds", audience.getList("orgIds", String.class, List.of())));
        body.put("audienceOrgIds", d.getList("audienceOrgIds", String.class, List.of()));
        body.put("signUpRequired", d.get("signUp", Document.class) != null && d.get("signUp", Document.class).getBoolean("enabled", false));
        body.put("version", d.get("version", Number.class).longValue());
        body.put("occurredAt", occurredAt);
        return body;
    }

    private static Map<String, Object> common(Document d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activityId", d.getString("_id"));
        body.put("allianceId", d.getString("allianceId"));
        body.put("tenantId", d.getString("tenantId"));
        body.put("type", d.getString("type"));
        body.put("title", d.getString("title"));
        body.put("startAt", Times.event(d.getDate("startAt")));
        body.put("endAt", Times.event(d.getDate("endAt")));
        body.put("hostOrgId", d.getString("hostOrgId"));
        body.put("hostOrgName", d.getString("hostOrgName"));
        return body;
    }
}
