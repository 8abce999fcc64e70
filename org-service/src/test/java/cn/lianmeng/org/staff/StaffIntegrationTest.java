package cn.lianmeng.org.staff;

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
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/** District staff: provisioning, assignments to parks and buildings, and what a staff member sees on their next token. */
@OrgIntegrationTest
class StaffIntegrationTest {


    @Autowired
    WebTestClient web;
    @Autowired
    EmbeddedKafkaBroker broker;

    private String allianceId;
    private String admin;

    @BeforeEach
    void allianceWithAdmin() {
        Api.AllianceAdmin a = Api.newAlliance(web, "挂联测试联盟");
        allianceId = a.allianceId();
        admin = a.token();
        // the district and street Api.enterprise(...) names: registration resolves locations in the alliance
        Api.region(web, admin, "STREET", "张江镇", Api.region(web, admin, "DISTRICT", "浦东新区", null));
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    /** Registers an enterprise located in the park and/or building (ids given explicitly) and answers its id. */
    private String enterprise(String name, String parkId, String buildingId) {
        Map<String, Object> body = new HashMap<>(Api.enterprise(name, Api.newCreditCode()));
        if (parkId != null) {
            body.put("parkId", parkId);
        }
        if (buildingId != null) {
            body.put("buildingId", buildingId);
        }
        return Api.post(web, admin, "/api/org/enterprises", body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private List<String> visibleEnterprises(String token) {
        Map<?, ?> page = Api.get(web, token, "/api/org/enterprises?size=100").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) page.get("content")).stream().map(e -> ((Map<?, ?>) e).get("id").toString()).toList();
    }

    @Test
    void reassignmentChangesWhatTheStaffMemberSeesOnTheirNextToken() {
        String parkA = Api.park(web, admin, "张江科学城");
        String parkB = Api.park(web, admin, "漕河泾开发区");
        String buildingInA = Api.building(web, admin, "张江人工智能岛1号楼", parkA);
        String buildingOutside = Api.building(web, admin, "徐家汇中心", null);
        String inA = enterprise("上海张江甲科技有限公司", parkA, null);
        String inBuildingOfA = enterprise("上海张江乙芯片有限公司", parkA, buildingInA); // the building's park id as registration derives it
        String inB = enterprise("上海漕河泾丙软件有限公司", parkB, null);
        String inOtherBuilding = enterprise("上海徐家汇丁商务有限公司", null, buildingOutside);
        enterprise("上海无园区戊服务有限公司", null, null);

        Api.StaffAccount s = Api.staff(web, admin, unique("lz-"), "王楼长");
        String unassigned = s.firstLogin(web, "Staff#2026");
        assertThat(visibleEnterprises(unassigned)).isEmpty();

        long version = Api.assign(web, admin, s.accountId(), 1, List.of(parkA), List.of());
        assertThat(version).isEqualTo(2);
        // the token issued before the assignment still has the old (empty) scope
        assertThat(visibleEnterprises(unassigned)).isEmpty();
        String tokenA = Api.login(web, s.username(), "Staff#2026");
        assertThat(visibleEnterprises(tokenA)).containsExactlyInAnyOrder(inA, inBuildingOfA);
        Api.get(web, tokenA, "/api/org/enterprises/" + inA).expectStatus().isOk()
                .expectBody().jsonPath("$.contactPhone").isEqualTo("138****5678");
        Api.get(web, tokenA, "/api/org/enterprises/" + inB).expectStatus().isNotFound();
        Api.get(web, tokenA, "/api/org/staff/me").expectStatus().isOk().expectBody()
                .jsonPath("$.parks[0].id").isEqualTo(parkA).jsonPath("$.parks[0].name").isEqualTo("张江科学城")
                .jsonPath("$.parks[0].enterprises").isEqualTo(2).jsonPath("$.enterprises").isEqualTo(2)
                .jsonPath("$.assignmentChanged").isEqualTo(false);

        version = Api.assign(web, admin, s.accountId(), version, List.of(parkB), List.of());
        // the old token keeps the old scope until it expires (at most the token lifetime) ...
        assertThat(visibleEnterprises(tokenA)).containsExactlyInAnyOrder(inA, inBuildingOfA);
        Api.get(web, tokenA, "/api/org/staff/me").expectStatus().isOk().expectBody()
                .jsonPath("$.parks[0].id").isEqualTo(parkA).jsonPath("$.assignmentChanged").isEqualTo(true);
        // ... a new login carries the new one
        String tokenB = Api.login(web, s.username(), "Staff#2026");
        assertThat(visibleEnterprises(tokenB)).containsExactly(inB);
        Api.get(web, tokenB, "/api/org/enterprises/" + inA).expectStatus().isNotFound();
        Api.get(web, tokenB, "/api/org/enterprises/" + inBuildingOfA).expectStatus().isNotFound();
        Api.get(web, tokenB, "/api/org/enterprises/" + inB).expectStatus().isOk();

        // a building assignment alone: that building's enterprises, not the rest of its park
        version = Api.assign(web, admin, s.accountId(), version, List.of(), List.of(buildingInA, buildingOutside));
        String tokenBuildings = Api.login(web, s.username(), "Staff#2026");
        assertThat(visibleEnterprises(tokenBuildings)).containsExactlyInAnyOrder(inBuildingOfA, inOtherBuilding);
        Api.get(web, tokenBuildings, "/api/org/enterprises/" + inA).expectStatus().isNotFound();
        Api.get(web, tokenBuildings, "/api/org/staff/me").expectStatus().isOk().expectBody()
                .jsonPath("$.parks.length()").isEqualTo(0)
                .jsonPath("$.buildings[?(@.id == '" + buildingInA + "')].park").isEqualTo("张江科学城")
                .jsonPath("$.buildings[?(@.id == '" + buildingInA + "')].enterprises").isEqualTo(1)
                .jsonPath("$.enterprises").isEqualTo(2);
        assertThat(version).isEqualTo(4);

        // the history and the audit trail record every reassignment
        Api.get(web, admin, "/api/org/staff/" + s.accountId() + "/assignments/history").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(3)
                .jsonPath("$.content[0].version").isEqualTo(4)
                .jsonPath("$.content[1].parkIds[0]").isEqualTo(parkB)
                .jsonPath("$.content[1].previousParkIds[0]").isEqualTo(parkA);
        String auditor = TestTokens.user("auditor-" + allianceId).alliance(allianceId).roles(Role.AUDITOR).token();
        Api.get(web, auditor, "/api/org/audit?action=STAFF_ASSIGNMENT_CHANGED&targetId=" + s.accountId()).expectStatus().isOk()
                .expectBody().jsonPath("$.totalElements").isEqualTo(3);
    }

    @Test
    void provisioningForcesAPasswordChangeAndListsMaskedPhones() {
        String username = unique("staff-");
        Map<?, ?> created = Api.post(web, admin, "/api/org/staff", Map.of("username", username, "name", "李挂联", "phone", "13912345678"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(created.get("passwordChangeRequired")).isEqualTo(true);
        assertThat(created.get("initialPassword")).isNotNull();
        assertThat(created.get("phone")).isEqualTo("139****5678");
        assertThat(created.get("status")).isEqualTo("ACTIVE");
        assertThat(created.get("version")).isEqualTo(1);
        String first = Api.login(web, username, created.get("initialPassword").toString());
        Api.get(web, first, "/api/org/staff/me").expectStatus().isForbidden(); // password change first
        Api.post(web, first, "/api/auth/password", Map.of("oldPassword", created.get("initialPassword"), "newPassword", "Staff#2026"))
                .expectStatus().isNoContent();
        // the staff member's own password change does not make the administrator's copy stale
        String park = Api.park(web, admin, "市北高新园区");
        Api.assign(web, admin, created.get("id").toString(), 1, List.of(park), List.of());

        Api.get(web, admin, "/api/org/staff?q=" + username).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.content[0].phone").isEqualTo("139****5678")
                .jsonPath("$.content[0].parks[0].name").isEqualTo("市北高新园区")
                .jsonPath("$.content[0].passwordChangeRequired").isEqualTo(false);
        Api.get(web, admin, "/api/org/staff?parkId=" + park).expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1);
        Api.get(web, admin, "/api/org/staff?status=DISABLED").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.get(web, admin, "/api/org/staff?status=GONE").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        Api.get(web, admin, "/api/org/staff?q=.*").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        // enterprise admins are accounts of the alliance too, but not staff
        Api.post(web, admin, "/api/org/enterprises", Api.enterprise("列表外企业", Api.newCreditCode())).expectStatus().isCreated();
        Api.get(web, admin, "/api/org/staff").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1);

        Api.post(web, admin, "/api/org/staff", Map.of("username", username, "name", "重名")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
        Api.post(web, admin, "/api/org/staff", Map.of("username", unique("staff-"), "name", "同号", "phone", "13912345678"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("phone");
        Api.post(web, admin, "/api/org/staff", Map.of("username", "a b", "name", "")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'username')]").exists().jsonPath("$.errors[?(@.field == 'name')]").exists();
        Api.post(web, admin, "/api/org/staff", Map.of("username", unique("staff-"), "name", "坏号", "phone", "1234"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("phone");
    }

    @Test
    void assignmentsAreValidatedVersionedAndOnlyForTheAlliancesAdministrator() {
        String park = Api.park(web, admin, "虹桥临空经济园区");
        String building = Api.building(web, admin, "临空1号楼", park);
        Api.StaffAccount s = Api.staff(web, admin, unique("lz-"), "赵楼长");
        String uri = "/api/org/staff/" + s.accountId() + "/assignments";

        Api.put(web, admin, uri, Map.of("version", 1, "parkIds", List.of(park, "nope"), "buildingIds", List.of()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parkIds");
        Api.put(web, admin, uri, Map.of("version", 1, "parkIds", List.of(), "buildingIds", List.of(park)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("buildingIds");
        Api.put(web, admin, uri, Map.of("parkIds", List.of(park))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        // a park of another alliance does not exist here
        Api.AllianceAdmin other = Api.newAlliance(web, "另一挂联联盟");
        String foreignPark = Api.park(web, other.token(), "外滩金融集聚带");
        Api.put(web, admin, uri, Map.of("version", 1, "parkIds", List.of(foreignPark), "buildingIds", List.of()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parkIds");

        Api.put(web, admin, uri, Map.of("version", 1, "parkIds", List.of(park, park), "buildingIds", List.of(building)))
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2).jsonPath("$.parks.length()").isEqualTo(1)
                .jsonPath("$.buildings[0].name").isEqualTo("临空1号楼").jsonPath("$.buildings[0].parkId").isEqualTo(park);
        Api.put(web, admin, uri, Map.of("version", 1, "parkIds", List.of(), "buildingIds", List.of()))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("version");

        // only the alliance's administrator assigns; another alliance's administrator does not find the account
        for (String token : List.of(TestTokens.enterpriseAdmin(allianceId, "t-1"),
                TestTokens.user("staff-self").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks(park).token(),
                TestTokens.user("auditor-s").alliance(allianceId).roles(Role.AUDITOR).token())) {
            Api.put(web, token, uri, Map.of("version", 2, "parkIds", List.of(), "buildingIds", List.of())).expectStatus().isForbidden();
            Api.post(web, token, "/api/org/staff", Map.of("username", unique("x-"), "name", "越权")).expectStatus().isForbidden();
            Api.get(web, token, "/api/org/staff").expectStatus().isForbidden();
            Api.post(web, token, "/api/org/staff/" + s.accountId() + "/disable", Map.of("reason", "越权")).expectStatus().isForbidden();
        }
        Api.put(web, other.token(), uri, Map.of("version", 2, "parkIds", List.of(), "buildingIds", List.of())).expectStatus().isNotFound();
        Api.get(web, other.token(), "/api/org/staff/" + s.accountId()).expectStatus().isNotFound();
        Api.post(web, other.token(), "/api/org/staff/" + s.accountId() + "/disable", Map.of("reason", "越权")).expectStatus().isNotFound();
        // an account of the alliance that is not district staff is not assignable
        Map<?, ?> registered = Api.post(web, admin, "/api/org/enterprises", Api.enterprise("非挂联账户企业", Api.newCreditCode()))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String enterpriseAdminAccount = ((Map<?, ?>) registered.get("adminAccount")).get("accountId").toString();
        Api.put(web, admin, "/api/org/staff/" + enterpriseAdminAccount + "/assignments",
                Map.of("version", 1, "parkIds", List.of(park), "buildingIds", List.of())).expectStatus().isNotFound();
        Api.get(web, admin, "/api/org/staff/me").expectStatus().isForbidden();

        Api.get(web, admin, "/api/org/staff/" + s.accountId()).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2)
                .jsonPath("$.parks[0].id").isEqualTo(park);
    }

    @Test
    void disablingBlocksLoginsIsAuditedAndPublished() {
        String park = Api.park(web, admin, "金桥开发区");
        Api.StaffAccount s = Api.staff(web, admin, unique("lz-"), "钱楼长");
        s.firstLogin(web, "Staff#2026");
        long version = Api.assign(web, admin, s.accountId(), 1, List.of(park), List.of());

        Api.post(web, admin, "/api/org/staff/" + s.accountId() + "/disable", Map.of("reason", "")).expectStatus().isBadRequest();
        Api.post(web, admin, "/api/org/staff/" + s.accountId() + "/disable", Map.of("reason", "调离岗位")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("DISABLED").jsonPath("$.version").isEqualTo(version + 1)
                .jsonPath("$.parks[0].id").isEqualTo(park);
        Api.post(web, admin, "/api/org/staff/" + s.accountId() + "/disable", Map.of("reason", "再次")).expectStatus().isEqualTo(409);
        Api.post(web, null, "/api/auth/login", Map.of("username", s.username(), "password", "Staff#2026")).expectStatus().isForbidden();
        Api.post(web, admin, "/api/org/staff/" + s.accountId() + "/enable", Map.of("reason", "返岗")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.version").isEqualTo(version + 2);
        Api.login(web, s.username(), "Staff#2026");

        String auditor = TestTokens.user("auditor-" + allianceId).alliance(allianceId).roles(Role.AUDITOR).token();
        Api.get(web, auditor, "/api/org/audit?action=STAFF_DISABLED&targetId=" + s.accountId()).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].details.reason").isEqualTo("调离岗位");

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "staff-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, StaffService.TOPIC);
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(r -> {
                    if (s.accountId().equals(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine).hasSize(3);
            });
            assertThat(mine.stream().map(r -> new String(r.headers().lastHeader("ce_type").value(), UTF_8)).toList())
                    .containsExactly("StaffAssignmentChanged", "StaffDisabled", "StaffEnabled");
            ConsumerRecord<String, byte[]> assigned = mine.get(0);
            assertThat(new String(assigned.headers().lastHeader("allianceid").value(), UTF_8)).isEqualTo(allianceId);
            assertThat(new String(assigned.value(), UTF_8)).contains("\"accountId\":\"" + s.accountId() + "\"")
                    .contains("\"name\":\"钱楼长\"").contains("\"parkIds\":[\"" + park + "\"]").contains("\"buildingIds\":[]")
                    .contains("\"version\":2").contains("\"occurredAt\"").doesNotContain("passwordHash");
            assertThat(new String(mine.get(1).value(), UTF_8)).contains("\"status\":\"DISABLED\"").contains("\"version\":3");
        }
    }
}
