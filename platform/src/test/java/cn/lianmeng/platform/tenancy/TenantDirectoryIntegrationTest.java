package cn.lianmeng.platform.tenancy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.platform.events.CloudEventHeaders;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.PlatformIntegrationTest;
import cn.lianmeng.platform.testing.ServiceTestSupport;
import cn.lianmeng.platform.testing.TestTokens;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The tenant directory read model end to end: Kafka → idempotent, version-guarded consumer → scoped HTTP reads. */
@PlatformIntegrationTest
class TenantDirectoryIntegrationTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "platform_tenants");
    }

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JsonMapper json;
    @MockitoSpyBean
    TenantDirectory directory;

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private void send(String eventId, String type, String enterpriseId, String allianceId, long version, String name) {
        Map<String, Object> body = Map.of("enterpriseId", enterpriseId, "allianceId", allianceId, "name", name,
                "status", type.equals("EnterpriseSuspended") ? "SUSPENDED" : "ACTIVE", "district", "浦东新区",
                "version", version, "creditCode", "91310115MA1K3X2Y7K");
        sendRaw(eventId, type, enterpriseId, allianceId, json.writeValueAsBytes(body));
    }

    private void sendRaw(String eventId, String type, String key, String allianceId, byte[] body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TenantDirectory.TOPIC, key, body);
        if (eventId != null) {
            record.headers().add(CloudEventHeaders.ID, eventId.getBytes(UTF_8));
        }
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, "/lianmeng/org-service".getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.ALLIANCE, allianceId.getBytes(UTF_8));
        kafka.send(record).join();
    }

    private WebTestClient.ResponseSpec get(String tenantId, String token) {
        WebTestClient.RequestHeadersSpec<?> spec = web.get().uri("/api/test/tenants/{id}", tenantId);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.exchange();
    }

    private void awaitName(String tenantId, String admin, String name) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                get(tenantId, admin).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo(name));
    }

    @Test
    void anOnboardedEnterpriseAppearsAndIsVisibleOnlyWithinScope() {
        String alliance = id();
        String tenant = id();
        String admin = TestTokens.allianceAdmin(alliance);
        get(tenant, admin).expectStatus().isNotFound();

        send(id(), "EnterpriseOnboarded", tenant, alliance, 1, "上海浦江科技有限公司");
        awaitName(tenant, admin, "上海浦江科技有限公司");

        get(tenant, TestTokens.enterpriseAdmin(alliance, tenant)).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.allianceId").isEqualTo(alliance);
        // another tenant of the same alliance, and an administrator of another alliance: 404, not 403
        get(tenant, TestTokens.enterpriseAdmin(alliance, id())).expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
        get(tenant, TestTokens.allianceAdmin(id())).expectStatus().isNotFound();
        // district staff see only enterprises in their parks/buildings
        get(tenant, TestTokens.user("staff").alliance(alliance).roles(Role.DISTRICT_STAFF).parks("p-elsewhere").token())
                .expectStatus().isNotFound();
        get(tenant, null).expectStatus().isUnauthorized().expectBody().jsonPath("$.status").isEqualTo(401);
        get(tenant, TestTokens.user("x").alliance(alliance).roles(Role.ALLIANCE_ADMIN).issuer("someone-else").token())
                .expectStatus().isUnauthorized();
        get(tenant, TestTokens.user("x").alliance(alliance).roles(Role.ALLIANCE_ADMIN).expired().token())
                .expectStatus().isUnauthorized();
    }

    @Test
    void outOfOrderAndDuplicateDeliveriesLeaveTheNewestState() {
        String alliance = id();
        String tenant = id();
        String admin = TestTokens.allianceAdmin(alliance);
        String v3 = id();
        send(v3, "EnterpriseUpdated", tenant, alliance, 3, "第三版名称");
        awaitName(tenant, admin, "第三版名称");
        send(id(), "EnterpriseOnboarded", tenant, alliance, 1, "第一版名称");
        send(id(), "EnterpriseUpdated", tenant, alliance, 2, "第二版名称");
        send(v3, "EnterpriseUpdated", tenant, alliance, 3, "第三版名称");
        // a later event proves the earlier ones were consumed; state stays at v3 until v4 arrives
        String marker = id();
        send(id(), "EnterpriseOnboarded", marker, alliance, 1, "标记企业");
        awaitName(marker, admin, "标记企业");
        get(tenant, admin).expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("第三版名称").jsonPath("$.version").isEqualTo(3);
        send(id(), "EnterpriseSuspended", tenant, alliance, 4, "第三版名称");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                get(tenant, admin).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("SUSPENDED"));
    }

    @Test
    void aMalformedMessageIsDeadLetteredAtOnceAndThePartitionKeepsFlowing() {
        String alliance = id();
        String admin = TestTokens.allianceAdmin(alliance);
        String poisonKey = "poison-" + id();
        sendRaw(id(), "EnterpriseOnboarded", poisonKey, alliance, "not json {".getBytes(UTF_8));
        sendRaw(null, "EnterpriseOnboarded", poisonKey, alliance, "{}".getBytes(UTF_8));
        String next = id();
        send(id(), "EnterpriseOnboarded", next, alliance, 1, "后续企业");
        awaitName(next, admin, "后续企业");

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-reader-" + id(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, TenantDirectory.TOPIC + "-dlt");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                long poisoned = 0;
                for (ConsumerRecord<String, byte[]> r : KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(1))) {
                    if (poisonKey.equals(r.key())) {
                        poisoned++;
                        assertThat(r.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();
                    }
                }
                assertThat(poisoned).isEqualTo(2);
            });
        }
    }

    @Test
    void aTransientMongoFailureIsRetriedWithBackOff() {
        String alliance = id();
        String tenant = id();
        MongoSocketReadException outage = new MongoSocketReadException("simulated outage", new ServerAddress());
        doReturn(Mono.error(outage)).doReturn(Mono.error(outage)).doCallRealMethod().when(directory).apply(any());
        send(id(), "EnterpriseOnboarded", tenant, alliance, 1, "重试企业");
        awaitName(tenant, TestTokens.allianceAdmin(alliance), "重试企业");
        verify(directory, atLeast(3)).apply(any());
    }

    @Test
    void listingIsPagedAndScoped() {
        String alliance = id();
        String admin = TestTokens.allianceAdmin(alliance);
        String a = id();
        String b = id();
        send(id(), "EnterpriseOnboarded", a, alliance, 1, "甲企业");
        send(id(), "EnterpriseOnboarded", b, alliance, 1, "乙企业");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> web.get().uri("/api/test/tenants?size=1")
                .header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(2).jsonPath("$.content.length()").isEqualTo(1));
        web.get().uri("/api/test/tenants").header("Authorization", "Bearer " + TestTokens.enterpriseAdmin(alliance, a))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].id").isEqualTo(a);
        web.get().uri("/api/test/tenants?size=101").header("Authorization", "Bearer " + admin)
                .exchange().expectStatus().isEqualTo(HttpStatus.BAD_REQUEST).expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }
}
