package cn.lianmeng.org.dormancy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import cn.lianmeng.platform.events.IncomingEvent;
import tools.jackson.databind.JsonNode;

/**
 * Defensive reading of event bodies owned by other packages and services: optional fields may be absent or null, times
 * may come as an ISO instant, an offset date-time, a local date-time or date (read in Asia/Shanghai) or epoch millis.
 */
final class EventFields {

    private EventFields() {
    }

    static JsonNode node(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    static String text(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (n == null || n.isContainer()) {
            return null;
        }
        String s = n.asString();
        return s == null || s.isBlank() ? null : s;
    }

    /** The alliance of the event: the body's {@code allianceId}, else the {@code allianceid} header (required). */
    static String alliance(IncomingEvent e) {
        String a = text(e.data(), "allianceId");
        return a != null ? a : e.allianceId() != null ? e.allianceId() : e.text("allianceId");
    }

    static Integer integer(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        return n != null && n.isNumber() ? n.asInt() : null;
    }

    static Long number(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        return n != null && n.isNumber() ? n.asLong() : null;
    }

    static Boolean bool(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String s = n.isString() ? n.asString() : null;
        return "true".equalsIgnoreCase(s) ? Boolean.TRUE : "false".equalsIgnoreCase(s) ? Boolean.FALSE : null;
    }

    static List<String> strings(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            for (JsonNode v : n) {
                if (v != null && !v.isNull() && !v.isContainer() && !v.asString().isBlank()) {
                    out.add(v.asString());
                }
            }
        }
        return out;
    }

    static List<JsonNode> objects(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        List<JsonNode> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            for (JsonNode v : n) {
                if (v != null && v.isObject()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** A point in time, or null when absent or unreadable. */
    static Instant instant(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return Instant.ofEpochMilli(n.asLong());
        }
        return parseInstant(n.asString());
    }

    static Instant parseInstant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException ignored) {
            // not an offset date-time
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeException ignored) {
            // not an instant
        }
        try {
            return LocalDateTime.parse(s).atZone(DormancyRules.ZONE).toInstant();
        } catch (DateTimeException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(s).atStartOfDay(DormancyRules.ZONE).toInstant();
        } catch (DateTimeException ignored) {
            return null;
        }
    }

    /** A calendar day in Asia/Shanghai, from a date or a date-time; null when absent or unreadable. */
    static LocalDate date(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (n == null) {
            return null;
        }
        if (n.isString()) {
            try {
                return LocalDate.parse(n.asString());
            } catch (DateTimeException ignored) {
                // a date-time, read below
            }
        }
        return DormancyRules.date(instant(parent, field));
    }

    /** The first present time among the fields. */
    static Instant firstInstant(JsonNode parent, String... fields) {
        for (String f : fields) {
            Instant i = instant(parent, f);
            if (i != null) {
                return i;
            }
        }
        return null;
    }
}
