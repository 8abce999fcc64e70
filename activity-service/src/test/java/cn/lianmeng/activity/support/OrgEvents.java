package cn.lianmeng.activity.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.directory.OrgDirectoryListener;
import cn.lianmeng.platform.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * org-service's events as activity-service receives them: CloudEvents headers exactly as the platform's
 * EventPublisher writes them, bodies per docs/org-contracts.md. {@code publish} goes through the embedded Kafka
 * broker; {@code apply} hands the same record straight to the listener (synchronous, for fixtures).
 */
public final class OrgEvents {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final OrgDirectoryListener listener;

    public OrgEvents(KafkaTemplate<String, byte[]> kafka, JsonMapper json, OrgDirectoryListener listener) {
        this.kafka = kafka;
        this.json = json;
        this.listener = listener;
    }

    public void publish(String topic, String type, String key, String allianceId, String tenantId, Map<String, Object> body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key, json.writeValueAsBytes(body), headers(type, key, allianceId, tenantId));
        kafka.send(record).join();
    }

    public void apply(String topic, String type, String key, String allianceId, String tenantId, Map<String, Object> body) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 0L, key, json.writeValueAsBytes(body));
        headers(type, key, allianceId, tenantId).forEach(h -> record.headers().add(h));
        switch (topic) {
            case OrgDirectory.ORGANISATION_TOPIC -> listener.onOrganisation(record);
            case OrgDirectory.MEMBER_TOPIC -> listener.onMember(record);
            case OrgDirectory.STAFF_TOPIC -> listener.onStaff(record);
            case OrgDirectory.REGION_TOPIC -> listener.onRegion(record);
            default -> throw new IllegalArgumentException(topic);
        }
    }

    private static RecordHeaders headers(String type, String key, String allianceId, String tenantId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/lianmeng/org-service".getBytes(UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.getBytes(UTF_8));
        headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(UTF_8));
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, key.getBytes(UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(UTF_8));
        if (allianceId != null) {
            headers.add(CloudEventHeaders.ALLIANCE, allianceId.getBytes(UTF_8));
        }
        if (tenantId != null) {
            headers.add(CloudEventHeaders.TENANT, tenantId.getBytes(UTF_8));
        }
        return headers;
    }

    /** An {@code org.organisation.v1} body. */
    public static Map<String, Object> organisation(String orgId, String allianceId, String tenantId, String name, String kind,
                                                   String parentId, List<String> ancestors, String status, long version) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("orgId", orgId);
        b.put("allianceId", allianceId);
        b.put("tenantId", tenantId);
        b.put("ownerType", tenantId == null ? "ALLIANCE" : "ENTERPRISE");
        b.put("ownerId", tenantId == null ? allianceId : tenantId);
        b.put("name", name);
        b.put("kind", kind);
        b.put("formation", "SINGLE");
        b.put("parentId", parentId);
        b.put("ancestors", ancestors);
        b.put("coveredEnterpriseIds", tenantId == null ? List.of() : List.of(tenantId));
        b.put("officers", new ArrayList<>());
        b.put("termStart", "2025-01-01");
        b.put("termEnd", "2028-01-01");
        b.put("status", status);
        b.put("version", version);
        b.put("occurredAt", Instant.now().toString());
        return b;
    }

    /** An {@code org.member.v1} body. */
    public static Map<String, Object> member(String memberId, String allianceId, String tenantId, String orgId, List<String> orgAncestors,
                                             String name, String status, boolean active, long version) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("memberId", memberId);
        b.put("allianceId", allianceId);
        b.put("tenantId", tenantId);
        b.put("enterpriseId", tenantId);
        b.put("orgId", orgId);
        b.put("orgAncestors", orgAncestors);
        b.put("name", name);
        b.put("status", status);
        b.put("flags", List.of());
        b.put("officerRoles", List.of());
        b.put("accountId", "acct-" + memberId);
        b.put("active", active);
        b.put("version", version);
        b.put("occurredAt", Instant.now().toString());
        return b;
    }
}
