package cn.lianmeng.org.organisation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared set-up of the organisation integration tests (one Spring context for all of them): a fresh alliance with its
 * administrator per test, enterprises registered through the API, members written as the member package documents
 * them ({@code members}: {_id, allianceId, tenantId, orgId, name, status, active}), and {@code org.member.v1} events
 * published with the CloudEvents headers of the platform's EventPublisher.
 */
@OrgIntegrationTest
abstract class OrganisationTestBase {

    static final String BASE = "/api/org/organisations";

    @Autowired
    WebTestClient web;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MongoAccess mongo;
    @Autowired
    JsonMapper json;

    String allianceId;
    String admin;

    @BeforeEach
    void allianceWithAdmin() {
        String platform = Api.login(web, "platform-admin", "Platform@2026");
        String code = "org-" + System.nanoTime();
        allianceId = Api.post(web, platform, "/api/org/alliances", Map.of("name", "组织测试联盟", "code", code))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        Map<String, Object> account = Api.post(web, platform, "/api/org/alliances/" + allianceId + "/accounts",
                Map.of("username", "adm-" + code, "role", "ALLIANCE_ADMIN")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        admin = firstLogin(account.get("username") == null ? "adm-" + code : account.get("username").toString(),
                account.get("initialPassword").toString());
        // enterprises are registered at real places of the alliance (浦东新区 → 张江镇, …)
        Api.standardLocations(web, admin);
        parks.clear();
    }

    private final Map<String, String> parks = new HashMap<>();

    /** A real park of the test's alliance with this name (created on first use), for enterprises located in it. */
    String park(String name) {
        return parks.computeIfAbsent(name, n -> Api.park(web, admin, n));
    }

    /** Logs in with an initial password, changes it as forced, and logs in again. */
    String firstLogin(String username, String initialPassword) {
        String first = Api.login(web, username, initialPassword);
        Api.post(web, first, "/api/auth/password", Map.of("oldPassword", initialPassword, "newPassword", "Changed#2026"))
                .expectStatus().isNoContent();
        return Api.login(web, username, "Changed#2026");
    }

    Map<String, Object> register(String name) {
        return register(name, null, null);
    }

    Map<String, Object> register(String name, Integer partyMemberCount, String parkId) {
        Map<String, Object> body = new HashMap<>(Api.enterprise(name, Api.newCreditCode()));
        if (partyMemberCount != null) {
            body.put("partyMemberCount", partyMemberCount);
        }
        if (parkId != null) {
            body.put("parkId", parkId);
        }
        return Api.post(web, admin, "/api/org/enterprises", body).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    static String id(Map<String, Object> m) {
        return m.get("id").toString();
    }

    String entAdmin(Map<String, Object> registered) {
        Map<String, Object> acct = (Map<String, Object>) registered.get("adminAccount");
        return firstLogin(acct.get("username").toString(), acct.get("initialPassword").toString());
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i].toString(), pairs[i + 1]);
        }
        return m;
    }

    Map<String, Object> create(String token, Object... pairs) {
        return Api.post(web, token, BASE, body(pairs)).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    Map<String, Object> get(String token, String orgId) {
        return Api.get(web, token, BASE + "/" + orgId).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    static long version(Map<String, Object> org) {
        return ((Number) org.get("version")).longValue();
    }

    // ----------------------------------------------------------------------------------------------- members

    /** Writes a member document the way the member package keeps it (code against docs/org-contracts.md). */
    String insertMember(String tenantId, String orgId, String name, String status, boolean active) {
        String id = UUID.randomUUID().toString();
        mongo.collection("members", ScopeRule.tenantOwned()).insert(Scope.unrestricted("test fixture"),
                new Document("_id", id).append("allianceId", allianceId).append("tenantId", tenantId).append("orgId", orgId)
                        .append("enterpriseId", tenantId).append("name", name).append("status", status).append("active", active)
                        // the members collection keeps ID numbers unique per alliance by their blind index
                        .append("idNumberHash", "fixture-" + id).append("version", 1L)).block();
        return id;
    }

    /** Publishes an org.member.v1 event as the member package's outbox relay would. Answers the event id. */
    String publishMember(String type, String memberId, long version, String tenantId, String enterpriseId, String orgId, String status,
                         boolean active, String previousOrgId) {
        return publishMember(UUID.randomUUID().toString(), type, memberId, version, tenantId, enterpriseId, orgId, status, active, previousOrgId);
    }

    String publishMember(String eventId, String type, String memberId, long version, String tenantId, String enterpriseId, String orgId,
                         String status, boolean active, String previousOrgId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", memberId);
        data.put("allianceId", allianceId);
        data.put("tenantId", tenantId);
        data.put("enterpriseId", enterpriseId);
        data.put("orgId", orgId);
        data.put("orgAncestors", List.of());
        data.put("name", "党员" + memberId.substring(0, 4));
        data.put("status", status);
        data.put("flags", List.of());
        data.put("officerRoles", List.of());
        data.put("active", active);
        data.put("previousOrgId", previousOrgId);
        data.put("version", version);
        data.put("occurredAt", Instant.now().toString());
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, eventId.getBytes(UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/lianmeng/org-service".getBytes(UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.getBytes(UTF_8));
        headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(UTF_8));
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, memberId.getBytes(UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(UTF_8));
        headers.add(CloudEventHeaders.ALLIANCE, allianceId.getBytes(UTF_8));
        if (tenantId != null) {
            headers.add(CloudEventHeaders.TENANT, tenantId.getBytes(UTF_8));
        }
        kafka.send(new ProducerRecord<>("org.member.v1", null, memberId, json.writeValueAsBytes(data), headers)).join();
        return eventId;
    }

    /** Waits until the organisation shows these member counts (the consumer is asynchronous). */
    void awaitCounts(String token, String orgId, int full, int probationary) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Object> counts = (Map<String, Object>) get(token, orgId).get("memberCounts");
            assertThat(counts).containsEntry("full", full).containsEntry("probationary", probationary).containsEntry("total", full + probationary);
        });
    }

    // ----------------------------------------------------------------------------------------------- events

    /** The org.organisation.v1 events keyed by one of the given ids, in order, once {@code expected} have arrived. */
    List<ConsumerRecord<String, byte[]>> organisationEvents(int expected, String... keys) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "org-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        List<String> wanted = Arrays.asList(keys);
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, OrganisationStore.TOPIC);
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300)).forEach(r -> {
                    if (wanted.contains(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine).hasSizeGreaterThanOrEqualTo(expected);
            });
            return mine;
        }
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        return r.headers().lastHeader(name) == null ? null : new String(r.headers().lastHeader(name).value(), UTF_8);
    }

    Map<String, Object> eventBody(ConsumerRecord<String, byte[]> r) {
        return json.readValue(r.value(), Map.class);
    }
}
