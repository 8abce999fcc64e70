package cn.lianmeng.org.dormancy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import cn.lianmeng.platform.events.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events the way {@code platform/.../events/EventPublisher} does (CloudEvents binary mode headers plus
 * {@code tenantid}/{@code allianceid}), standing in for the organisation, member and activity producers.
 */
final class DormancyTestEvents {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json = JsonMapper.builder().build();

    DormancyTestEvents(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** Sends an event with a new id; answers the id. */
    String send(String topic, String type, String key, String allianceId, String tenantId, Map<String, ?> body) {
        String id = UUID.randomUUID().toString();
        send(id, topic, type, key, allianceId, tenantId, body);
        return id;
    }

    /** Sends an event with the given id (to redeliver one). */
    void send(String id, String topic, String type, String key, String allianceId, String tenantId, Map<String, ?> body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, id.getBytes(UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/lianmeng/test".getBytes(UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.getBytes(UTF_8));
        headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(UTF_8));
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, key.getBytes(UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(UTF_8));
        headers.add(CloudEventHeaders.ALLIANCE, allianceId.getBytes(UTF_8));
        if (tenantId != null) {
            headers.add(CloudEventHeaders.TENANT, tenantId.getBytes(UTF_8));
        }
        try {
            kafka.send(new ProducerRecord<>(topic, null, key, json.writeValueAsBytes(body), headers)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    // ---- bodies as their producers publish them (org-contracts.md; activity contracts as assumed) ----

    static Map<String, Object> enterprise(String allianceId, String enterpriseId, String name, String parkId, String buildingId, long version) {
        Map<String, Object> b = new HashMap<>();
        b.put("enterpriseId", enterpriseId);
        b.put("allianceId", allianceId);
        b.put("name", name);
        b.put("parkId", parkId);
        b.put("buildingId", buildingId);
        b.put("status", "ACTIVE");
        b.put("version", version);
        b.put("occurredAt", Instant.now().toString());
        return b;
    }

    static Map<String, Object> officer(String memberId, String name, String role, String since) {
        return Map.of("memberId", memberId, "name", name, "role", role, "since", since);
    }

    static Map<String, Object> organisation(String allianceId, String tenantId, String orgId, String name, String kind,
                                            List<String> ancestors, List<Map<String, Object>> officers, String termEnd,
                                            String createdAt, long version, Instant occurredAt) {
        Map<String, Object> b = new HashMap<>();
        b.put("orgId", orgId);
        b.put("allianceId", allianceId);
        b.put("tenantId", tenantId);
        b.put("ownerType", tenantId == null ? "ALLIANCE" : "ENTERPRISE");
        b.put("ownerId", tenantId == null ? allianceId : tenantId);
        b.put("name", name);
        b.put("kind", kind);
        b.put("formation", "SINGLE");
        b.put("parentId", ancestors.isEmpty() ? null : ancestors.get(ancestors.size() - 1));
        b.put("ancestors", ancestors);
        b.put("coveredEnterpriseIds", tenantId == null ? List.of() : List.of(tenantId));
        b.put("officers", officers);
        b.put("termStart", "2023-01-01");
        b.put("termEnd", termEnd);
        b.put("status", "ACTIVE");
        b.put("version", version);
        b.put("occurredAt", occurredAt.toString());
        if (createdAt != null) {
            b.put("createdAt", createdAt);
        }
        return b;
    }

    static Map<String, Object> member(String allianceId, String tenantId, String memberId, String orgId, String name, String status,
                                      String joinedAt, boolean active, long version, Instant occurredAt) {
        Map<String, Object> b = new HashMap<>();
        b.put("memberId", memberId);
        b.put("allianceId", allianceId);
        b.put("tenantId", tenantId);
        b.put("enterpriseId", tenantId);
        b.put("orgId", orgId);
        b.put("orgAncestors", List.of());
        b.put("name", name);
        b.put("status", status);
        b.put("flags", List.of());
        b.put("officerRoles", List.of());
        b.put("active", active);
        b.put("version", version);
        b.put("occurredAt", occurredAt.toString());
        if (joinedAt != null) {
            b.put("joinedAt", joinedAt);
        }
        return b;
    }

    static Map<String, Object> attending(String orgId, int present, Integer fullMembers, Integer fullPresent, Boolean quorumMet) {
        Map<String, Object> o = new HashMap<>();
        o.put("orgId", orgId);
        o.put("present", present);
        o.put("late", 0);
        o.put("onLeave", 0);
        o.put("absent", 1);
        o.put("fullMembers", fullMembers);
        o.put("fullPresent", fullPresent);
        o.put("quorumRequired", quorumMet != null);
        o.put("quorumMet", quorumMet);
        return o;
    }

    /**
     * An {@code ActivityHeld} body as activity-service publishes it (docs/activity-contracts.md): it took place at
     * {@code startAt}, ended two hours later and was marked held ({@code heldAt}) the next day.
     */
    static Map<String, Object> activity(String allianceId, String tenantId, String activityId, String type, String startAt,
                                        List<Map<String, Object>> organisations, List<String> reached, long version) {
        Instant start = EventFields.parseInstant(startAt);
        Map<String, Object> b = new HashMap<>();
        b.put("activityId", activityId);
        b.put("allianceId", allianceId);
        b.put("tenantId", tenantId);
        b.put("type", type);
        b.put("title", "测试活动 " + type);
        b.put("startAt", start.toString());
        b.put("endAt", start.plusSeconds(7200).toString());
        b.put("heldAt", start.plusSeconds(86_400).toString());
        b.put("hostOrgId", organisations.isEmpty() ? null : organisations.get(0).get("orgId"));
        b.put("hostOrgName", "主办组织");
        b.put("reachedEnterpriseIds", reached);
        b.put("organisations", organisations);
        b.put("joint", organisations.size() > 1);
        b.put("seriesId", null);
        b.put("version", version);
        b.put("occurredAt", start.plusSeconds(86_400).toString());
        return b;
    }

    /** An {@code AttendanceRecorded} body as activity-service publishes it. */
    static Map<String, Object> attendance(String allianceId, String tenantId, String activityId, String orgId, String memberId,
                                          String status, String type, String startAt) {
        Instant start = EventFields.parseInstant(startAt);
        Map<String, Object> b = new HashMap<>();
        b.put("attendanceId", activityId + ":" + memberId);
        b.put("activityId", activityId);
        b.put("allianceId", allianceId);
        b.put("activityTenantId", tenantId);
        b.put("activityType", type);
        b.put("activityStartAt", start.toString());
        b.put("tenantId", tenantId);
        b.put("orgId", orgId);
        b.put("memberId", memberId);
        b.put("enterpriseId", tenantId);
        b.put("status", status);
        b.put("method", "ON_LEAVE".equals(status) ? "LEAVE" : "CODE");
        b.put("at", start.plusSeconds(300).toString());
        b.put("pointsEligible", false);
        b.put("version", 1);
        b.put("occurredAt", start.plusSeconds(300).toString());
        return b;
    }
}
