package cn.lianmeng.platform.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.platform.events.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service with a tenant directory must show through its own API prefix: enterprises arrive from
 * {@code org.enterprise.v1}, are visible within the caller's scope only, and the audit log is for auditors only.
 */
public abstract class TenantDirectoryContract {

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;
    @Autowired
    protected JsonMapper json;

    /** e.g. {@code /api/activity}. */
    protected abstract String prefix();

    protected void onboard(String allianceId, String enterpriseId, String name) {
        byte[] body = json.writeValueAsBytes(Map.of("enterpriseId", enterpriseId, "allianceId", allianceId, "name", name,
                "status", "ACTIVE", "version", 1, "district", "浦东新区", "street", "张江镇", "type", "PRIVATE"));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("org.enterprise.v1", enterpriseId, body);
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "EnterpriseOnboarded".getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.ALLIANCE, allianceId.getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TENANT, enterpriseId.getBytes(UTF_8));
        kafka.send(record).join();
    }

    @Test
    void onboardedEnterprisesArriveAndAreScopedToTheCaller() {
        String alliance = "a-" + UUID.randomUUID();
        String tenant = "t-" + UUID.randomUUID();
        String admin = TestTokens.allianceAdmin(alliance);
        web.get().uri(prefix() + "/tenants/{id}", tenant).header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isNotFound();
        onboard(alliance, tenant, "演示成员单位");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> web.get().uri(prefix() + "/tenants/{id}", tenant)
                .header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("演示成员单位"));
        web.get().uri(prefix() + "/tenants/{id}", tenant).header("Authorization", "Bearer " + TestTokens.enterpriseAdmin(alliance, tenant))
                .exchange().expectStatus().isOk();
        web.get().uri(prefix() + "/tenants/{id}", tenant)
                .header("Authorization", "Bearer " + TestTokens.enterpriseAdmin(alliance, "t-other")).exchange()
                .expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
        web.get().uri(prefix() + "/tenants/{id}", tenant).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theAuditLogIsForAuditorsOnly() {
        web.get().uri(prefix() + "/audit").header("Authorization", "Bearer " + TestTokens.member("a", "t")).exchange()
                .expectStatus().isForbidden();
        web.get().uri(prefix() + "/audit").header("Authorization", "Bearer " + TestTokens.user("auditor").alliance("a")
                .roles(cn.lianmeng.platform.security.Role.AUDITOR).token()).exchange().expectStatus().isOk();
    }

    @Test
    void apiDocsArePublicAndDescribeTheTenantEndpoint() {
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['" + prefix() + "/tenants/{id}'].get.responses['404']").exists()
                .jsonPath("$.servers[0].url").isEqualTo("/")
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
    }
}
