package cn.lianmeng.platform.tenancy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.platform.events.CloudEventHeaders;
import cn.lianmeng.platform.testing.TestPlatformApplication;
import cn.lianmeng.platform.testing.TestTokens;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same plumbing against real MongoDB (a replica set) and a real Kafka broker, wherever Docker exists; skipped
 * cleanly on machines without a Docker engine (the in-process stand-ins cover those).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = TestPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=platform-real", "lianmeng.api-prefix=/api/test", "lianmeng.tenant-directory.enabled=true",
                "eureka.client.enabled=false"})
@AutoConfigureWebTestClient
class RealInfrastructureTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.getReplicaSetUrl("platform_real"));
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("lianmeng.security.jwt.public-key", TestTokens::publicKeyPem);
    }

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    JsonMapper json;

    @Test
    void eventsFlowIntoTheScopedReadModelAndWritesLeaveThroughTheOutbox() {
        String alliance = "a-" + UUID.randomUUID();
        String tenant = "t-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TenantDirectory.TOPIC, tenant, json.writeValueAsBytes(Map.of(
                "enterpriseId", tenant, "allianceId", alliance, "name", "真实环境企业", "status", "ACTIVE", "version", 1)));
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "EnterpriseOnboarded".getBytes(UTF_8));
        kafka.send(record).join();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/test/tenants/{id}", tenant)
                .header("Authorization", "Bearer " + TestTokens.allianceAdmin(alliance)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("真实环境企业"));
        web.get().uri("/api/test/tenants/{id}", tenant)
                .header("Authorization", "Bearer " + TestTokens.enterpriseAdmin(alliance, "someone-else")).exchange()
                .expectStatus().isNotFound();
        web.post().uri("/api/test/things").header("Authorization", "Bearer " + TestTokens.enterpriseAdmin(alliance, tenant))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "count", 1)).exchange()
                .expectStatus().isCreated();
    }
}
