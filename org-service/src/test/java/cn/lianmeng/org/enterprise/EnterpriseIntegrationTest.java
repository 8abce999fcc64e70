package cn.lianmeng.org.enterprise;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The first slice through org-service's HTTP API: registration, tenant isolation, versioning, suspension, events. */
@OrgIntegrationTest
class EnterpriseIntegrationTest {


    @Autowired
    WebTestClient web;
    @Autowired
    EmbeddedKafkaBroker broker;

    private String allianceId;
    private String admin;

    @BeforeEach
    void allianceWithAdmin() {
        String platform = Api.login(web, "platform-admin", "Platform@2026");
        String code = "ent-" + System.nanoTime();
        allianceId = Api.post(web, platform, "/api/org/alliances", Map.of("name", "企业测试联盟", "code", code))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        Map<?, ?> account = Api.post(web, platform, "/api/org/alliances/" + allianceId + "/accounts",
                Map.of("username", "adm-" + code, "role", "ALLIANCE_ADMIN")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String first = Api.login(web, "adm-" + code, account.get("initialPassword").toString());
        Api.post(web, first, "/api/auth/password", Map.of("oldPassword", account.get("initialPassword"), "newPassword", "Admin#2026"))
                .expectStatus().isNoContent();
        admin = Api.login(web, "adm-" + code, "Admin#2026");
        Api.standardLocations(web, admin);
    }

    private Map<?, ?> register(String name) {
        return Api.post(web, admin, "/api/org/enterprises", Api.enterprise(name, Api.newCreditCode()))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static String id(Map<?, ?> registered) {
        return registered.get("id").toString();
    }

    /** Logs in as a registered enterprise's provisioned admin, after the forced password change. */
    private String enterpriseAdmin(Map<?, ?> registered) {
        Map<?, ?> acct = (Map<?, ?>) registered.get("adminAccount");
        String first = Api.login(web, acct.get("username").toString(), acct.get("initialPassword").toString());
        Api.post(web, first, "/api/auth/password", Map.of("oldPassword", acct.get("initialPassword"), "newPassword", "Ent#2026ok"))
                .expectStatus().isNoContent();
        return Api.login(web, acct.get("username").toString(), "Ent#2026ok");
    }

    @Test
    void registeringAnEnterpriseProvisionsItsAdminAndPublishesEnterpriseOnboarded() {
        Map<String, Object> body = new HashMap<>(Api.enterprise("上海张江测试科技有限公司", Api.newCreditCode()));
        body.put("type", "民营企业");
        Map<?, ?> registered = Api.post(web, admin, "/api/org/enterprises", body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> enterprise = registered;
        assertThat(registered.get("enterprise")).isNull();
        String id = enterprise.get("id").toString();
        assertThat(enterprise.get("allianceId")).isEqualTo(allianceId);
        assertThat(enterprise.get("type")).isEqualTo("PRIVATE");
        assertThat(enterprise.get("typeLabel")).isEqualTo("民营企业");
        assertThat(enterprise.get("status")).isEqualTo("ACTIVE");
        assertThat(enterprise.get("version")).isEqualTo(1);
        Map<?, ?> account = (Map<?, ?>) registered.get("adminAccount");
        assertThat(account.get("username")).isEqualTo(body.get("creditCode"));
        assertThat(account.get("passwordChangeRequired")).isEqualTo(true);

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "ent-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, EnterpriseService.TOPIC);
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(r -> {
                    if (id.equals(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine).hasSize(1);
            });
            ConsumerRecord<String, byte[]> r = mine.get(0);
            assertThat(new String(r.headers().lastHeader("ce_type").value(), UTF_8)).isEqualTo("EnterpriseOnboarded");
            assertThat(new String(r.headers().lastHeader("tenantid").value(), UTF_8)).isEqualTo(id);
            assertThat(new String(r.headers().lastHeader("allianceid").value(), UTF_8)).isEqualTo(allianceId);
            String json = new String(r.value(), UTF_8);
            assertThat(json).contains("\"enterpriseId\":\"" + id + "\"").contains("\"version\":1").contains("\"status\":\"ACTIVE\"")
                    .doesNotContain("13812345678");
        }
    }

    @Test
    void invalidInputIsRefusedNamingTheFieldAndStoresNothing() {
        String code = Api.newCreditCode();
        String badCheck = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        Api.post(web, admin, "/api/org/enterprises", Api.enterprise("坏代码企业", badCheck)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("creditCode")
                .jsonPath("$.errors[0].message").isEqualTo("校验位不正确");
        Map<String, Object> missing = new HashMap<>(Api.enterprise("缺字段企业", Api.newCreditCode()));
        missing.remove("district");
        missing.put("staffCount", -1);
        Api.post(web, admin, "/api/org/enterprises", missing).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'district')]").exists()
                .jsonPath("$.errors[?(@.field == 'staffCount')]").exists();
        Map<String, Object> badType = new HashMap<>(Api.enterprise("类型错误企业", Api.newCreditCode()));
        badType.put("type", "PIRATE");
        Api.post(web, admin, "/api/org/enterprises", badType).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("type");
        Map<String, Object> injection = new HashMap<>(Api.enterprise("注入企业", Api.newCreditCode()));
        injection.put("$where", "1");
        Api.post(web, admin, "/api/org/enterprises", injection).expectStatus().isBadRequest();
        web.post().uri("/api/org/enterprises").header("Authorization", "Bearer " + admin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"x\", ").exchange().expectStatus().isBadRequest();
        web.post().uri("/api/org/enterprises").header("Authorization", "Bearer " + admin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + "大".repeat(400_000) + "\"}").exchange().expectStatus().isEqualTo(413);

        Api.get(web, admin, "/api/org/enterprises").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
    }

    @Test
    void aDuplicateCreditCodeIsAConflict() {
        String code = Api.newCreditCode();
        Api.post(web, admin, "/api/org/enterprises", Api.enterprise("第一家", code)).expectStatus().isCreated();
        Map<String, Object> again = new HashMap<>(Api.enterprise("第二家", code.toLowerCase()));
        again.put("adminUsername", "someone-else-" + System.nanoTime());
        Api.post(web, admin, "/api/org/enterprises", again).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("creditCode");
    }

    @Test
    void tenantsAreIsolatedAndRolesEnforced() {
        Map<?, ?> a = register("甲公司");
        Map<?, ?> b = register("乙公司");
        String adminA = enterpriseAdmin(a);
        Api.get(web, adminA, "/api/org/enterprises/" + id(a)).expectStatus().isOk()
                .expectBody().jsonPath("$.contactPhone").isEqualTo("13812345678");
        Api.get(web, adminA, "/api/org/enterprises/" + id(b)).expectStatus().isNotFound()
                .expectBody().jsonPath("$.status").isEqualTo(404);
        Api.get(web, adminA, "/api/org/enterprises").expectStatus().isOk()
                .expectBody().jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].id").isEqualTo(id(a));
        // an administrator of another alliance sees nothing of this one
        Api.get(web, TestTokens.allianceAdmin("other-alliance"), "/api/org/enterprises/" + id(a)).expectStatus().isNotFound();
        // a member calling an admin endpoint: 403; no token: 401
        Api.get(web, TestTokens.member(allianceId, id(a)), "/api/org/enterprises").expectStatus().isForbidden();
        Api.post(web, TestTokens.member(allianceId, id(a)), "/api/org/enterprises", Api.enterprise("越权", Api.newCreditCode()))
                .expectStatus().isForbidden();
        Api.post(web, adminA, "/api/org/enterprises", Api.enterprise("越权", Api.newCreditCode())).expectStatus().isForbidden();
        Api.get(web, null, "/api/org/enterprises").expectStatus().isUnauthorized();
        // district staff see names but never a contact phone unmasked
        String staff = TestTokens.user("staff-x").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks("p1").token();
        Api.get(web, staff, "/api/org/enterprises/" + id(a)).expectStatus().isNotFound();
        Api.get(web, admin, "/api/org/enterprises/" + id(a)).expectStatus().isOk().expectBody()
                .jsonPath("$.contactPhone").isEqualTo("13812345678");
        Api.get(web, TestTokens.user("auditor").alliance(allianceId).roles(Role.AUDITOR).token(), "/api/org/enterprises")
                .expectStatus().isForbidden();
    }

    @Test
    void otherAlliancesAlliancesAccountsAndAuditAreOutOfReach() {
        Map<?, ?> a = register("丁公司");
        String otherAdmin = TestTokens.allianceAdmin("another-alliance");
        Api.get(web, admin, "/api/org/alliances/" + allianceId).expectStatus().isOk();
        Api.get(web, otherAdmin, "/api/org/alliances/" + allianceId).expectStatus().isNotFound();
        Api.get(web, otherAdmin, "/api/org/alliances").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        // unlocking an account of another alliance, or of another tenant, is 404 — the account is not in scope
        String accountId = ((Map<?, ?>) a.get("adminAccount")).get("accountId").toString();
        Api.post(web, otherAdmin, "/api/org/accounts/" + accountId + "/unlock", Map.of()).expectStatus().isNotFound();
        Api.post(web, TestTokens.enterpriseAdmin(allianceId, "another-tenant"), "/api/org/accounts/" + accountId + "/unlock", Map.of())
                .expectStatus().isNotFound();
        Api.post(web, admin, "/api/org/accounts/" + accountId + "/unlock", Map.of()).expectStatus().isNoContent();
        Api.post(web, TestTokens.member(allianceId, id(a)), "/api/org/accounts/" + accountId + "/unlock", Map.of()).expectStatus().isForbidden();
        // auditors read their own alliance's trail only, and only auditors read it
        String auditor = TestTokens.user("auditor-" + allianceId).alliance(allianceId).roles(Role.AUDITOR).token();
        Api.get(web, auditor, "/api/org/audit?action=ENTERPRISE_ONBOARDED").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].targetId").isEqualTo(id(a))
                .jsonPath("$.content[0].actorName").exists();
        Api.get(web, TestTokens.user("auditor-x").alliance("another-alliance").roles(Role.AUDITOR).token(),
                "/api/org/audit?targetId=" + id(a)).expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.get(web, admin, "/api/org/audit").expectStatus().isForbidden();
    }

    @Test
    void updatesAreVersionedAndSuspensionBlocksTheTenantsLogins() {
        Map<?, ?> a = register("丙公司");
        String id = id(a);
        String adminA = enterpriseAdmin(a);
        Map<String, Object> update = new HashMap<>(Api.enterprise("丙公司（更名）", "ignored"));
        update.remove("creditCode");
        update.put("version", 1);
        web.put().uri("/api/org/enterprises/" + id).header("Authorization", "Bearer " + adminA).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("丙公司（更名）").jsonPath("$.version").isEqualTo(2);
        web.put().uri("/api/org/enterprises/" + id).header("Authorization", "Bearer " + admin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update).exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("version");

        Api.post(web, adminA, "/api/org/enterprises/" + id + "/suspend", Map.of("reason", "越权")).expectStatus().isForbidden();
        Api.post(web, admin, "/api/org/enterprises/" + id + "/suspend", Map.of("reason", "")).expectStatus().isBadRequest();
        Api.post(web, admin, "/api/org/enterprises/" + id + "/suspend", Map.of("reason", "未按期报送材料")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUSPENDED").jsonPath("$.version").isEqualTo(3);
        Api.post(web, admin, "/api/org/enterprises/" + id + "/suspend", Map.of("reason", "再次")).expectStatus().isEqualTo(409);
        Map<?, ?> acct = (Map<?, ?>) a.get("adminAccount");
        Api.post(web, null, "/api/auth/login", Map.of("username", acct.get("username"), "password", "Ent#2026ok"))
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").isEqualTo("所属成员单位已被暂停，暂不能登录");
        Api.post(web, admin, "/api/org/enterprises/" + id + "/reactivate", Map.of("reason", "已整改")).expectStatus().isOk();
        Api.login(web, acct.get("username").toString(), "Ent#2026ok");
        Api.post(web, admin, "/api/org/enterprises/unknown-id/suspend", Map.of("reason", "x")).expectStatus().isNotFound();
    }

    @Test
    void listingPagesFiltersAndRejectsBadParameters() {
        register("上海列表甲有限公司");
        register("上海列表乙有限公司");
        register("北京其他有限公司");
        Api.get(web, admin, "/api/org/enterprises?q=上海列表&size=1&sort=name,asc").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2).jsonPath("$.totalPages").isEqualTo(2)
                .jsonPath("$.content[0].name").isEqualTo("上海列表乙有限公司".compareTo("上海列表甲有限公司") < 0 ? "上海列表乙有限公司" : "上海列表甲有限公司");
        Api.get(web, admin, "/api/org/enterprises?q=.*").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.get(web, admin, "/api/org/enterprises?size=500").expectStatus().isBadRequest();
        Api.get(web, admin, "/api/org/enterprises?sort=password").expectStatus().isBadRequest();
        Api.get(web, admin, "/api/org/enterprises?page=abc").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
    }
}
