package cn.lianmeng.org.coverage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import cn.lianmeng.platform.events.CloudEventHeaders;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events the way other services' outbox relays do — CloudEvents binary-mode headers exactly as
 * {@code platform/.../events/EventPublisher} writes them, JSON body — and waits until the coverage consumer group has
 * committed past them (processed, successfully or dead-lettered), so tests assert on a settled state.
 */
public final class TestEvents {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final String brokers;
    private final List<RecordMetadata> sent = new ArrayList<>();

    /**
     * @param brokers the embedded broker of the test's own context (not the {@code spring.embedded.kafka.brokers}
     *                system property, which names the most recently started broker when several contexts are cached)
     */
    public TestEvents(KafkaTemplate<String, byte[]> kafka, JsonMapper json, String brokers) {
        this.kafka = kafka;
        this.json = json;
        this.brokers = brokers;
    }

    public RecordMetadata publish(String topic, String type, String key, String allianceId, String tenantId, Map<String, ?> body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
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
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key, json.writeValueAsBytes(body), headers);
        try {
            RecordMetadata meta = kafka.send(record).get(10, TimeUnit.SECONDS).getRecordMetadata();
            synchronized (sent) {
                sent.add(meta);
            }
            return meta;
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    /** Waits until the coverage consumer group has committed past every record published so far. */
    public void awaitConsumed() {
        Map<TopicPartition, Long> needed = new HashMap<>();
        synchronized (sent) {
            for (RecordMetadata m : sent) {
                needed.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
            }
        }
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(CoverageListener.GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return needed.entrySet().stream().allMatch(n -> committed.get(n.getKey()) != null
                        && committed.get(n.getKey()).offset() >= n.getValue());
            });
        }
    }

    // ------------------------------------------------------------ event bodies (docs/org-contracts.md)

    /** An {@code org.enterprise.v1} body: ACTIVE, OPERATING, located in the given district/street/park/building. */
    public static Map<String, Object> enterprise(String allianceId, String id, String name, int staff, long version) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("enterpriseId", id);
        b.put("allianceId", allianceId);
        b.put("name", name);
        b.put("creditCode", "91310115MA1K" + Math.abs(id.hashCode() % 1_000_000));
        b.put("type", "PRIVATE");
        b.put("industry", "软件和信息技术服务业");
        b.put("staffCount", staff);
        b.put("operatingStatus", "OPERATING");
        b.put("partyMemberCount", 0);
        b.put("status", "ACTIVE");
        b.put("instructorAccountId", null);
        b.put("instructorName", null);
        b.put("version", version);
        b.put("occurredAt", Instant.now().toString());
        return b;
    }

    public static Map<String, Object> located(Map<String, Object> e, Location l) {
        e.put("districtId", l.districtId());
        e.put("district", l.district());
        e.put("streetId", l.streetId());
        e.put("street", l.street());
        e.put("communityId", null);
        e.put("community", null);
        e.put("parkId", l.parkId());
        e.put("park", l.park());
        e.put("buildingId", l.buildingId());
        e.put("building", l.building());
        return e;
    }

    public record Location(String districtId, String district, String streetId, String street, String parkId, String park,
                           String buildingId, String building) {
    }

    /** An {@code org.organisation.v1} body. */
    public static Map<String, Object> organisation(String allianceId, String orgId, String tenantId, String name, String kind,
                                                   String formation, String status, List<String> covered, long version) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("orgId", orgId);
        b.put("allianceId", allianceId);
        b.put("tenantId", tenantId);
        b.put("ownerType", tenantId == null ? "ALLIANCE" : "ENTERPRISE");
        b.put("ownerId", tenantId == null ? allianceId : tenantId);
        b.put("name", name);
        b.put("kind", kind);
        b.put("formation", formation);
        b.put("parentId", null);
        b.put("ancestors", List.of());
        b.put("coveredEnterpriseIds", covered);
        b.put("officers", List.of(Map.of("memberId", "m-sec-" + orgId, "name", "王书记", "role", "SECRETARY", "since", "2024-01-01")));
        b.put("termStart", "2024-01-01");
        b.put("termEnd", "2026-12-31");
        b.put("status", status);
        b.put("version", version);
        b.put("occurredAt", Instant.now().toString());
        return b;
    }

    /** An {@code org.member.v1} body. */
    public static Map<String, Object> member(String allianceId, String memberId, String enterpriseId, String orgId, String status,
                                             boolean active, long version) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("memberId", memberId);
        b.put("allianceId", allianceId);
        b.put("tenantId", enterpriseId);
        b.put("enterpriseId", enterpriseId);
        b.put("orgId", orgId);
        b.put("orgAncestors", List.of());
        b.put("name", "党员" + memberId);
        b.put("status", status);
        b.put("flags", List.of());
        b.put("officerRoles", List.of());
        b.put("accountId", null);
        b.put("active", active);
        b.put("version", version);
        b.put("occurredAt", Instant.now().toString());
        return b;
    }

    /** An {@code activity.activity.v1} ActivityHeld body. */
    public static Map<String, Object> activityHeld(String allianceId, String activityId, Instant heldAt, List<String> reached) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("activityId", activityId);
        b.put("allianceId", allianceId);
        b.put("title", "主题党日联建活动");
        b.put("heldAt", heldAt.atOffset(java.time.ZoneOffset.ofHours(8)).toString());
        b.put("reachedEnterpriseIds", reached);
        b.put("organisations", List.of());
        b.put("version", 1);
        return b;
    }

    /** An {@code org.region.v1} body. */
    public static Map<String, Object> place(String allianceId, String id, String kind, String level, String name, String parentId,
                                            String parkId, String districtId, String streetId) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", id);
        b.put("kind", kind);
        b.put("allianceId", allianceId);
        b.put("name", name);
        b.put("level", level);
        b.put("parentId", parentId);
        b.put("parkId", parkId);
        b.put("districtId", districtId);
        b.put("streetId", streetId);
        b.put("version", 1);
        b.put("occurredAt", Instant.now().toString());
        return b;
    }
}
