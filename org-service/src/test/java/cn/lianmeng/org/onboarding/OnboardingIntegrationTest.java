package cn.lianmeng.org.onboarding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/** 入盟申请: public and invited submissions, duplicates, the admin's list, approval (tenant + admin account) and rejection. */
@OrgIntegrationTest
class OnboardingIntegrationTest {

    private static final String URI = "/api/org/onboarding/applications";


    @Autowired
    WebTestClient web;
    @Autowired
    EmbeddedKafkaBroker broker;

    private Api.AllianceAdmin alliance;
    private String admin;
    private String code;

    @BeforeEach
    void allianceWithLocations() {
        alliance = Api.newAlliance(web, "入盟测试联盟");
        admin = alliance.token();
        Api.standardLocations(web, admin);
        code = Api.get(web, admin, "/api/org/alliances/" + alliance.allianceId()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("code").toString();
    }

    private Map<String, Object> application(String name, String creditCode) {
        Map<String, Object> body = new HashMap<>(Map.of("allianceCode", code, "enterpriseName", name, "creditCode", creditCode,
                "type", "民营企业", "industry", "软件和信息技术服务业", "staffCount", 60, "district", "浦东新区", "street", "张江镇",
                "contactName", "王经理", "contactPhone", "13912345678"));
        body.put("building", "创新大厦");
        body.put("partyMemberCount", 4);
        body.put("note", "希望加入联盟参加联建活动");
        return body;
    }

    private Map<?, ?> apply(String token, Map<String, Object> body) {
        return Api.post(web, token, URI, body).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void anEnterpriseAppliesWithoutAnAccountAndIsApprovedIntoATenantWithItsAdmin() {
        String creditCode = Api.newCreditCode();
        Map<?, ?> submitted = apply(null, application("上海申请科技有限公司", creditCode));
        String id = submitted.get("id").toString();
        assertThat(submitted.get("status")).isEqualTo("SUBMITTED");
        assertThat(submitted.get("source")).isEqualTo("APPLIED");
        assertThat(submitted.get("allianceId")).isEqualTo(alliance.allianceId());
        assertThat(submitted.get("version")).isEqualTo(1);

        Api.get(web, admin, URI + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.enterpriseName").isEqualTo("上海申请科技有限公司")
                .jsonPath("$.contactPhone").isEqualTo("13912345678")
                .jsonPath("$.typeLabel").isEqualTo("民营企业");

        Api.post(web, admin, URI + "/" + id + "/approve", Map.of("version", 5)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        Api.post(web, admin, URI + "/" + id + "/approve", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        Map<?, ?> approved = Api.post(web, admin, URI + "/" + id + "/approve", Map.of("version", 1)).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(approved.get("status")).isEqualTo("APPROVED");
        assertThat(approved.get("version")).isEqualTo(2);
        String enterpriseId = approved.get("enterpriseId").toString();
        Map<?, ?> account = (Map<?, ?>) approved.get("adminAccount");
        assertThat(account.get("username")).isEqualTo(creditCode);
        assertThat(account.get("passwordChangeRequired")).isEqualTo(true);
        assertThat(account.get("initialPassword").toString()).hasSizeGreaterThanOrEqualTo(8);

        Api.get(web, admin, "/api/org/enterprises/" + enterpriseId).expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("上海申请科技有限公司")
                .jsonPath("$.source").isEqualTo("ONBOARDING")
                .jsonPath("$.building").isEqualTo("创新大厦")
                .jsonPath("$.park").isEqualTo("张江科学城")
                .jsonPath("$.adminUsername").isEqualTo(creditCode);
        // the provisioned admin must change the initial password first
        String first = Api.login(web, creditCode, account.get("initialPassword").toString());
        Api.get(web, first, "/api/org/enterprises/" + enterpriseId).expectStatus().isForbidden();
        String changed = Api.firstLogin(web, creditCode, account.get("initialPassword").toString(), "Ent#2026ok");
        Api.get(web, changed, "/api/org/enterprises/" + enterpriseId).expectStatus().isOk();

        // decided once
        Api.post(web, admin, URI + "/" + id + "/approve", Map.of("version", 2)).expectStatus().isEqualTo(409);
        Api.post(web, admin, URI + "/" + id + "/reject", Map.of("version", 2, "reason", "晚了")).expectStatus().isEqualTo(409);
        // the enterprise is registered now: a new application for it is a conflict
        Api.post(web, null, URI, application("重复申请", creditCode)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("creditCode");

        assertThat(events(id, 2)).containsExactly("OnboardingSubmitted", "OnboardingApproved");
        String auditor = TestTokens.user("auditor-" + id).alliance(alliance.allianceId()).roles(Role.AUDITOR).token();
        Api.get(web, auditor, "/api/org/audit?targetId=" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2);
    }

    @Test
    void aRejectionNeedsAReasonAndFreesTheCreditCodeForANewApplication() {
        String creditCode = Api.newCreditCode();
        String id = apply(null, application("驳回测试有限公司", creditCode)).get("id").toString();
        Api.post(web, null, URI, application("驳回测试有限公司（再次）", creditCode)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("待审核"));
        Api.post(web, admin, URI + "/" + id + "/reject", Map.of("version", 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        Api.post(web, admin, URI + "/" + id + "/reject", Map.of("version", 1, "reason", " ")).expectStatus().isBadRequest();
        Api.post(web, admin, URI + "/" + id + "/reject", Map.of("version", 1, "reason", "经营地址不在本联盟范围内"))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("REJECTED").jsonPath("$.statusLabel").isEqualTo("已驳回")
                .jsonPath("$.reason").isEqualTo("经营地址不在本联盟范围内").jsonPath("$.decidedByName").exists();
        Api.post(web, admin, URI + "/" + id + "/approve", Map.of("version", 2)).expectStatus().isEqualTo(409);
        apply(null, application("驳回测试有限公司（再次）", creditCode));
        assertThat(events(id, 2)).containsExactly("OnboardingSubmitted", "OnboardingRejected");
        Api.get(web, admin, "/api/org/enterprises").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
    }

    @Test
    void submissionsAreValidated() {
        Map<String, Object> noAlliance = application("甲", Api.newCreditCode());
        noAlliance.remove("allianceCode");
        Api.post(web, null, URI, noAlliance).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("allianceCode");
        Map<String, Object> unknownAlliance = application("乙", Api.newCreditCode());
        unknownAlliance.put("allianceCode", "no-such-alliance");
        Api.post(web, null, URI, unknownAlliance).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("allianceCode");
        String valid = Api.newCreditCode();
        Map<String, Object> badCode = application("丙", valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0'));
        Api.post(web, null, URI, badCode).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("creditCode").jsonPath("$.errors[0].message").isEqualTo("校验位不正确");
        Map<String, Object> place = application("丁", Api.newCreditCode());
        place.put("district", "浦西区");
        place.put("contactPhone", "12345");
        place.remove("contactName");
        Api.post(web, null, URI, place).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'contactPhone')]").exists()
                .jsonPath("$.errors[?(@.field == 'contactName')]").exists();
        Map<String, Object> unknownPlace = application("戊", Api.newCreditCode());
        unknownPlace.put("district", "浦西区");
        Api.post(web, null, URI, unknownPlace).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("district");
        Api.post(web, "not-a-token", URI, application("己", Api.newCreditCode())).expectStatus().isUnauthorized();
        Api.get(web, admin, URI).expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
    }

    @Test
    void onlyTheAlliancesAdministratorsListAndDecide() {
        String applied = apply(null, application("公开申请有限公司", Api.newCreditCode())).get("id").toString();
        Map<String, Object> invitedBody = application("受邀企业有限公司", Api.newCreditCode());
        invitedBody.remove("allianceCode");
        Map<?, ?> invited = apply(admin, invitedBody);
        assertThat(invited.get("source")).isEqualTo("INVITED");
        assertThat(invited.get("submittedByName")).isNotNull();
        Api.post(web, TestTokens.enterpriseAdmin(alliance.allianceId(), "t1"), URI, application("越权", Api.newCreditCode()))
                .expectStatus().isForbidden();

        Api.get(web, admin, URI + "?status=SUBMITTED&size=1").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2).jsonPath("$.content.length()").isEqualTo(1);
        Api.get(web, admin, URI + "?status=APPROVED").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.get(web, admin, URI + "?status=MAYBE").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        Api.get(web, admin, URI + "?sort=contactPhone").expectStatus().isBadRequest();

        String other = TestTokens.allianceAdmin("another-alliance");
        Api.get(web, other, URI + "/" + applied).expectStatus().isNotFound();
        Api.get(web, other, URI).expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.post(web, other, URI + "/" + applied + "/approve", Map.of("version", 1)).expectStatus().isNotFound();
        Api.post(web, other, URI + "/" + applied + "/reject", Map.of("version", 1, "reason", "x")).expectStatus().isNotFound();
        for (String token : List.of(TestTokens.enterpriseAdmin(alliance.allianceId(), "t1"), TestTokens.member(alliance.allianceId(), "t1"),
                TestTokens.user("aud").alliance(alliance.allianceId()).roles(Role.AUDITOR).token(),
                TestTokens.user("staff").alliance(alliance.allianceId()).roles(Role.DISTRICT_STAFF).token())) {
            Api.get(web, token, URI).expectStatus().isForbidden();
            Api.get(web, token, URI + "/" + applied).expectStatus().isForbidden();
            Api.post(web, token, URI + "/" + applied + "/approve", Map.of("version", 1)).expectStatus().isForbidden();
            Api.post(web, token, URI + "/" + applied + "/reject", Map.of("version", 1, "reason", "x")).expectStatus().isForbidden();
        }
        Api.get(web, null, URI).expectStatus().isUnauthorized();
        Api.get(web, admin, URI + "/unknown").expectStatus().isNotFound();
    }

    @Test
    void twoConcurrentApprovalsProvisionOneTenant() {
        String id = apply(null, application("并发审批有限公司", Api.newCreditCode())).get("id").toString();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> Api.post(web, admin, URI + "/" + id + "/approve", Map.of("version", 1))
                    .returnResult(String.class).getStatus().value()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnlyOnce(200).allMatch(s -> s == 200 || s == 409);
        Api.get(web, admin, "/api/org/enterprises?q=并发审批").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1);
    }

    private List<String> events(String key, int expected) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "onboarding-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, OnboardingService.TOPIC);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine).hasSizeGreaterThanOrEqualTo(expected);
            });
        }
        String body = new String(mine.get(mine.size() - 1).value(), UTF_8);
        assertThat(body).contains("\"applicationId\":\"" + key + "\"").contains("\"allianceId\":\"" + alliance.allianceId() + "\"")
                .doesNotContain("13912345678");
        return mine.stream().map(r -> new String(r.headers().lastHeader("ce_type").value(), UTF_8)).toList();
    }
}
