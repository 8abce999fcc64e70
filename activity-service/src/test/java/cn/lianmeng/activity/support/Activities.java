package cn.lianmeng.activity.support;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for activities in tests. */
public final class Activities {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private Activities() {
    }

    public static OffsetDateTime inMinutes(long minutes) {
        return OffsetDateTime.now(SHANGHAI).plusMinutes(minutes).truncatedTo(ChronoUnit.SECONDS);
    }

    /** An offline meeting of the host organisation at an address, starting in {@code startInMinutes}, one hour long. */
    public static Map<String, Object> meeting(String hostOrgId, String type, long startInMinutes) {
        OffsetDateTime start = inMinutes(startInMinutes);
        Map<String, Object> body = new HashMap<>();
        body.put("title", "2026年第四季度" + type);
        body.put("type", type);
        body.put("mode", "OFFLINE");
        body.put("hostOrgId", hostOrgId);
        body.put("startAt", start.toString());
        body.put("endAt", start.plus(Duration.ofHours(1)).toString());
        body.put("address", "公司三楼党员活动室");
        body.put("publish", true);
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, Object... kv) {
        Map<String, Object> copy = new HashMap<>(body);
        for (int i = 0; i < kv.length; i += 2) {
            copy.put((String) kv[i], kv[i + 1]);
        }
        return copy;
    }

    public static Map<String, Object> audienceOf(String... orgIds) {
        return Map.of("scope", "ORGANISATIONS", "orgIds", List.of(orgIds));
    }

    /** The update body that repeats an activity view's editable fields (for PUT), with changes. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> edit(Map<String, Object> view, Object... kv) {
        Map<String, Object> body = new HashMap<>();
        for (String f : List.of("version", "title", "description", "type", "mode", "startAt", "endAt", "address", "meetingUrl", "geofence", "capacity")) {
            body.put(f, view.get(f));
        }
        body.put("signUpRequired", view.get("signUpRequired"));
        Map<String, Object> audience = (Map<String, Object>) view.get("audience");
        body.put("audience", Map.of("scope", audience.get("scope"), "orgIds", audience.get("orgIds")));
        for (int i = 0; i < kv.length; i += 2) {
            body.put((String) kv[i], kv[i + 1]);
        }
        return body;
    }
}
