package cn.lianmeng.org.enterprise;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.platform.data.Scope;
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

/** Location by name, operating status, leaving the alliance, the party-building instructor, and the event contract. */
@OrgIntegrationTest
class EnterpriseProfileIntegrationTest {


    @Autowired
    WebTestClient web;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    AccountStore accounts;

    private Api.AllianceAdmin alliance;
    private Api.Locations places;
    private String admin;

    @BeforeEach
    void allianceWithLocations() {
        alliance = Api.newAlliance(web, "档案测试联盟");
        admin = alliance.token();
        places = Api.standardLocations(web, admin);
    }

    private Map<String, Object> body(String name) {
        return new HashMap<>(Api.enterprise(name, Api.newCreditCode()));
    }

    private Map<?, ?> register(Map<String, Object> body) {
        return Api.post(web, admin, "/api/org/enterprises", body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private String staffAccount(String allianceId, String name, Role role) {
        return accounts.insert(Scope.system(allianceId, null), new AccountStore.NewAccount("staff-" + System.nanoTime(), null, name,
                "{noop}x", List.of(role), allianceId, null, false), Instant.now()).block();
    }

    @Test
    void locationNamesResolveToIdsAndABuildingInAParkBringsThePark() {
        Map<String, Object> body = body("上海创新大厦科技有限公司");
        body.put("community", "张江社区");
        body.put("building", "创新大厦");
        body.put("operatingStatus", "SHELL");
        body.put("partyMemberCount", 5);
        Map<?, ?> e = register(body);
        assertThat(e.get("districtId")).isEqualTo(places.districtId());
        assertThat(e.get("district")).isEqualTo("浦东新区");
        assertThat(e.get("streetId")).isEqualTo(places.streetId());
        assertThat(e.get("communityId")).isEqualTo(places.communityId());
        assertThat(e.get("community")).isEqualTo("张江社区");
        assertThat(e.get("buildingId")).isEqualTo(places.buildingId());
        assertThat(e.get("parkId")).isEqualTo(places.parkId());
        assertThat(e.get("park")).isEqualTo("张江科学城");
        assertThat(e.get("operatingStatus")).isEqualTo("SHELL");
        assertThat(e.get("operatingStatusLabel")).isEqualTo("空壳企业");
        assertThat(e.get("partyMemberCount")).isEqualTo(5);
        assertThat(e.get("source")).isEqualTo("REGISTERED");

        // district staff of the park see it (the park came from the building)
        String staff = TestTokens.user("staff-p").alliance(alliance.allianceId()).roles(Role.DISTRICT_STAFF).parks(places.parkId()).token();
        Api.get(web, staff, "/api/org/enterprises/" + e.get("id")).expectStatus().isOk().expectBody()
                .jsonPath("$.contactPhone").isEqualTo("138****5678");
        Api.get(web, admin, "/api/org/enterprises?parkId=" + places.parkId()).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1);
        Api.get(web, admin, "/api/org/enterprises?operatingStatus=空壳企业").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1);

        // update moves it: another district and street, a park without building
        Map<String, Object> update = new HashMap<>(body);
        update.remove("creditCode");
        update.remove("building");
        update.remove("community");
        update.put("district", "徐汇区");
        update.put("street", "田林街道");
        update.put("park", "漕河泾开发区");
        update.put("version", 1);
        Api.put(web, admin, "/api/org/enterprises/" + e.get("id"), update).expectStatus().isOk().expectBody()
                .jsonPath("$.districtId").isEqualTo(places.otherDistrictId())
                .jsonPath("$.streetId").isEqualTo(places.otherStreetId())
                .jsonPath("$.parkId").isEqualTo(places.otherParkId())
                .jsonPath("$.buildingId").doesNotExist()
                .jsonPath("$.communityId").doesNotExist()
                .jsonPath("$.version").isEqualTo(2);
    }

    @Test
    void unknownPlacesAreRefusedNamingTheFieldAndStoreNothing() {
        Map<String, Object> district = body("甲");
        district.put("district", "浦西区");
        Api.post(web, admin, "/api/org/enterprises", district).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("district")
                .jsonPath("$.errors[0].message").isEqualTo("本联盟没有名为“浦西区”的区");
        Map<String, Object> street = body("乙");
        street.put("street", "田林街道"); // exists, but in 徐汇区
        Api.post(web, admin, "/api/org/enterprises", street).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("street");
        Map<String, Object> community = body("丙");
        community.put("community", "陆家嘴社区");
        Api.post(web, admin, "/api/org/enterprises", community).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("community");
        Map<String, Object> park = body("丁");
        park.put("park", "不存在园区");
        park.put("building", "不存在大厦");
        Api.post(web, admin, "/api/org/enterprises", park).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'park')]").exists()
                .jsonPath("$.errors[?(@.field == 'building')]").exists();
        Map<String, Object> mismatch = body("戊");
        mismatch.put("park", "漕河泾开发区");
        mismatch.put("building", "创新大厦");
        Api.post(web, admin, "/api/org/enterprises", mismatch).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("building");
        Map<String, Object> party = body("己");
        party.put("staffCount", 3);
        party.put("partyMemberCount", 4);
        party.put("operatingStatus", "HALF");
        Api.post(web, admin, "/api/org/enterprises", party).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'partyMemberCount')]").exists()
                .jsonPath("$.errors[?(@.field == 'operatingStatus')]").exists();
        // the same names in another alliance do not count
        Api.AllianceAdmin other = Api.newAlliance(web, "空白联盟");
        Api.post(web, other.token(), "/api/org/enterprises", body("庚")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("district");
        Api.get(web, admin, "/api/org/enterprises").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
    }

    @Test
    void leavingKeepsTheRecordBlocksLoginsAndCanBeUndone() {
        Map<?, ?> e = register(body("退出测试有限公司"));
        String id = e.get("id").toString();
        Map<?, ?> acct = (Map<?, ?>) e.get("adminAccount");
        String entAdmin = Api.firstLogin(web, acct.get("username").toString(), acct.get("initialPassword").toString(), "Ent#2026ok");
        Api.post(web, entAdmin, "/api/org/enterprises/" + id + "/leave", Map.of("reason", "自行退出")).expectStatus().isForbidden();
        Api.post(web, admin, "/api/org/enterprises/" + id + "/leave", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        Api.post(web, admin, "/api/org/enterprises/" + id + "/leave", Map.of("reason", "企业迁出本区")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("LEFT").jsonPath("$.statusReason").isEqualTo("企业迁出本区");
        Api.post(web, admin, "/api/org/enterprises/" + id + "/leave", Map.of("reason", "再次")).expectStatus().isEqualTo(409);
        Api.post(web, null, "/api/auth/login", Map.of("username", acct.get("username"), "password", "Ent#2026ok"))
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").isEqualTo("所属成员单位已退出联盟，不能登录");
        Api.get(web, admin, "/api/org/enterprises/" + id).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("退出测试有限公司");
        Api.post(web, admin, "/api/org/enterprises/" + id + "/reactivate", Map.of("reason", "重新入盟")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
        Api.login(web, acct.get("username").toString(), "Ent#2026ok");

        String auditor = TestTokens.user("auditor-" + id).alliance(alliance.allianceId()).roles(Role.AUDITOR).token();
        Api.get(web, auditor, "/api/org/audit?targetId=" + id + "&action=ENTERPRISE_LEFT").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1);
        List<String> types = eventTypes(id, 3);
        assertThat(types).containsExactly("EnterpriseOnboarded", "EnterpriseLeft", "EnterpriseReactivated");
    }

    @Test
    void anInstructorIsADistrictStaffAccountOfTheAlliance() {
        Map<?, ?> e = register(body("指导员测试有限公司"));
        String id = e.get("id").toString();
        String staff = staffAccount(alliance.allianceId(), "王指导", Role.DISTRICT_STAFF);
        String notStaff = staffAccount(alliance.allianceId(), "李管理", Role.ALLIANCE_ADMIN);
        String foreign = staffAccount("another-alliance", "外联盟干部", Role.DISTRICT_STAFF);
        String uri = "/api/org/enterprises/" + id + "/instructor";

        Api.put(web, admin, uri, Map.of("accountId", notStaff, "version", 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountId");
        Api.put(web, admin, uri, Map.of("accountId", foreign, "version", 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountId");
        Api.put(web, admin, uri, Map.of("accountId", "nobody", "version", 1)).expectStatus().isBadRequest();
        Api.put(web, admin, uri, Map.of("version", 1)).expectStatus().isBadRequest();
        Api.put(web, TestTokens.enterpriseAdmin(alliance.allianceId(), id), uri, Map.of("accountId", staff, "version", 1))
                .expectStatus().isForbidden();
        Api.put(web, TestTokens.allianceAdmin("another-alliance"), uri, Map.of("accountId", foreign, "version", 1))
                .expectStatus().isNotFound();
        Api.put(web, admin, uri, Map.of("accountId", staff, "version", 7)).expectStatus().isEqualTo(409);
        Api.put(web, admin, uri, Map.of("accountId", staff, "version", 1)).expectStatus().isOk().expectBody()
                .jsonPath("$.instructorAccountId").isEqualTo(staff)
                .jsonPath("$.instructorName").isEqualTo("王指导")
                .jsonPath("$.version").isEqualTo(2);

        Api.delete(web, admin, uri).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        Api.delete(web, admin, uri + "?version=2").expectStatus().isOk().expectBody()
                .jsonPath("$.instructorAccountId").doesNotExist().jsonPath("$.version").isEqualTo(3);
        Api.delete(web, admin, uri + "?version=3").expectStatus().isEqualTo(409);

        List<String> bodies = eventBodies(id, 3);
        assertThat(bodies.get(1)).contains("\"instructorAccountId\":\"" + staff + "\"").contains("\"instructorName\":\"王指导\"");
        assertThat(bodies.get(2)).contains("\"instructorAccountId\":null");
        assertThat(eventTypes(id, 3)).containsExactly("EnterpriseOnboarded", "InstructorAssigned", "InstructorUnassigned");
    }

    @Test
    void theEventCarriesTheContractFieldsAndNoPersonalData() {
        Map<String, Object> body = body("事件契约有限公司");
        body.put("building", "陆家嘴大厦");
        body.put("partyMemberCount", 3);
        body.put("contactName", "张三");
        String id = register(body).get("id").toString();
        String json = eventBodies(id, 1).get(0);
        for (String field : List.of("enterpriseId", "allianceId", "name", "creditCode", "type", "industry", "staffCount", "districtId",
                "district", "streetId", "street", "communityId", "community", "parkId", "park", "buildingId", "building",
                "operatingStatus", "partyMemberCount", "status", "instructorAccountId", "instructorName", "version", "occurredAt")) {
            assertThat(json).as(field).contains("\"" + field + "\":");
        }
        assertThat(json).contains("\"buildingId\":\"" + places.looseBuildingId() + "\"").contains("\"parkId\":null")
                .contains("\"operatingStatus\":\"OPERATING\"").doesNotContain("13812345678").doesNotContain("张三");
    }

    private List<ConsumerRecord<String, byte[]>> records(String key, int expected) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "profile-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, EnterpriseService.TOPIC);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine).hasSizeGreaterThanOrEqualTo(expected);
            });
        }
        return mine;
    }

    private List<String> eventTypes(String key, int expected) {
        return records(key, expected).stream().map(r -> new String(r.headers().lastHeader("ce_type").value(), UTF_8)).toList();
    }

    private List<String> eventBodies(String key, int expected) {
        return records(key, expected).stream().map(r -> new String(r.value(), UTF_8)).toList();
    }
}
