package cn.lianmeng.org.region;

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

/** Regions, parks and buildings through the HTTP API: hierarchy rules, names, versions, roles, alliances, events, catalogue. */
@OrgIntegrationTest
class RegionIntegrationTest {


    @Autowired
    WebTestClient web;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    RegionService regions;

    private String allianceId;
    private String admin;

    @BeforeEach
    void allianceWithAdmin() {
        Api.AllianceAdmin a = Api.newAlliance(web, "区域测试联盟");
        allianceId = a.allianceId();
        admin = a.token();
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Map<?, ?> getJson(String token, String uri) {
        return Api.get(web, token, uri).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void buildsTheHierarchyAndEveryRoleOfTheAllianceReadsIt() {
        String pudong = Api.region(web, admin, "DISTRICT", "浦东新区", null);
        String xuhui = Api.region(web, admin, "DISTRICT", "徐汇区", null);
        String zhangjiang = Api.region(web, admin, "STREET", "张江镇", pudong);
        Api.region(web, admin, "STREET", "花木街道", pudong);
        String community = Api.region(web, admin, "COMMUNITY", "高科苑社区", zhangjiang);
        Map<?, ?> chj = Api.post(web, admin, "/api/org/regions", body("level", "STREET", "name", "漕河泾街道", "parentId", xuhui,
                        "code", "310104013", "location", Map.of("lat", 31.17, "lng", 121.40)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(chj.get("levelLabel")).isEqualTo("街道");
        assertThat(chj.get("version")).isEqualTo(1);
        assertThat(chj.get("allianceId")).isEqualTo(allianceId);
        assertThat(((Map<?, ?>) chj.get("location")).get("lat")).isEqualTo(31.17);
        assertThat(((Map<?, ?>) chj.get("location")).get("lng")).isEqualTo(121.40);

        Map<?, ?> c = getJson(admin, "/api/org/regions/" + community);
        assertThat(c.get("ancestors")).isEqualTo(List.of(pudong, zhangjiang));
        assertThat(c.get("parentId")).isEqualTo(zhangjiang);

        Api.get(web, admin, "/api/org/regions?level=DISTRICT").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2).jsonPath("$.content[0].name").isEqualTo("徐汇区".compareTo("浦东新区") < 0 ? "徐汇区" : "浦东新区");
        Api.get(web, admin, "/api/org/regions?parentId=" + pudong).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2);
        Api.get(web, admin, "/api/org/regions?level=STREET&parentId=" + xuhui).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].id").isEqualTo(chj.get("id"));

        // every role of the alliance reads the hierarchy (district staff and enterprises need the names)
        String staff = TestTokens.user("staff-r").alliance(allianceId).roles(Role.DISTRICT_STAFF).token();
        String enterpriseAdmin = TestTokens.enterpriseAdmin(allianceId, "t-1");
        String member = TestTokens.member(allianceId, "t-1");
        for (String reader : List.of(admin, staff, enterpriseAdmin, member)) {
            Api.get(web, reader, "/api/org/regions/tree").expectStatus().isOk().expectBody()
                    .jsonPath("$.length()").isEqualTo(2)
                    .jsonPath("$[?(@.name == '浦东新区')].children.length()").isEqualTo(2)
                    .jsonPath("$[?(@.name == '浦东新区')].children[?(@.name == '张江镇')].children[0].name").isEqualTo("高科苑社区")
                    .jsonPath("$[?(@.name == '徐汇区')].children[0].level").isEqualTo("STREET");
            Api.get(web, reader, "/api/org/regions/" + community).expectStatus().isOk();
        }
        Api.get(web, null, "/api/org/regions/tree").expectStatus().isUnauthorized();
    }

    @Test
    void hierarchyRulesAndInvalidInputAreRefusedNamingTheField() {
        String district = Api.region(web, admin, "DISTRICT", "闵行区", null);
        String street = Api.region(web, admin, "STREET", "莘庄镇", district);
        String community = Api.region(web, admin, "COMMUNITY", "莘松社区", street);

        Api.post(web, admin, "/api/org/regions", body("level", "STREET", "name", "无上级街道")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, admin, "/api/org/regions", body("level", "STREET", "name", "挂在街道下的街道", "parentId", street))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId")
                .jsonPath("$.errors[0].message").isEqualTo("街道的上级须为区");
        Api.post(web, admin, "/api/org/regions", body("level", "COMMUNITY", "name", "挂在区下的社区", "parentId", district))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, admin, "/api/org/regions", body("level", "COMMUNITY", "name", "挂在社区下的社区", "parentId", community))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, admin, "/api/org/regions", body("level", "DISTRICT", "name", "有上级的区", "parentId", district))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, admin, "/api/org/regions", body("level", "STREET", "name", "上级不存在", "parentId", "nope"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, admin, "/api/org/regions", body("level", "PROVINCE", "name", "上海市")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("level");
        Api.post(web, admin, "/api/org/regions", body("name", "无层级")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("level");
        Api.post(web, admin, "/api/org/regions", body("level", "DISTRICT", "name", " ")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        Api.post(web, admin, "/api/org/regions", body("level", "DISTRICT", "name", "坐标错误区", "location", Map.of("lat", 91, "lng", 121)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("location.lat");
        Api.post(web, admin, "/api/org/regions", body("level", "DISTRICT", "name", "坐标错误区", "location", Map.of("lat", 31, "lng", -180.5)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("location.lng");
        Api.post(web, admin, "/api/org/regions", body("level", "DISTRICT", "name", "坐标缺失区", "location", Map.of("lat", 31)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("location.lng");
        Api.post(web, admin, "/api/org/regions", body("level", "DISTRICT", "name", "代码错误区", "code", "31$01"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("code");
        Api.post(web, admin, "/api/org/regions", body("level", "DISTRICT", "name", "注入区", "$where", "1")).expectStatus().isBadRequest();
        Api.get(web, admin, "/api/org/regions?level=PROVINCE").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("level");
        Api.get(web, admin, "/api/org/regions?sort=ancestors").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sort");
        Api.get(web, admin, "/api/org/regions/unknown-id").expectStatus().isNotFound();
        // nothing of the refused requests was stored
        Api.get(web, admin, "/api/org/regions").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(3);
    }

    @Test
    void namesAreUniquePerParentAndUpdatesAreVersioned() {
        String pudong = Api.region(web, admin, "DISTRICT", "浦东新区", null);
        String xuhui = Api.region(web, admin, "DISTRICT", "徐汇区", null);
        Api.post(web, admin, "/api/org/regions", body("level", "DISTRICT", "name", "浦东新区 ")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        String street = Api.region(web, admin, "STREET", "虹梅街道", pudong);
        Api.region(web, admin, "STREET", "虹梅街道", xuhui); // the same name under another parent is another street
        Api.post(web, admin, "/api/org/regions", body("level", "STREET", "name", "虹梅街道", "parentId", pudong)).expectStatus().isEqualTo(409);
        Api.region(web, admin, "STREET", "金桥镇", pudong);

        Api.put(web, admin, "/api/org/regions/" + street, body("version", 1, "name", "虹梅路街道", "code", "310104012",
                        "location", Map.of("lat", 31.16, "lng", 121.39)))
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("虹梅路街道").jsonPath("$.version").isEqualTo(2)
                .jsonPath("$.parentId").isEqualTo(pudong).jsonPath("$.location.lat").isEqualTo(31.16);
        Api.put(web, admin, "/api/org/regions/" + street, body("version", 1, "name", "再改一次"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        Api.put(web, admin, "/api/org/regions/" + street, body("version", 2, "name", "金桥镇"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        Api.put(web, admin, "/api/org/regions/" + street, body("name", "无版本")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        Api.put(web, admin, "/api/org/regions/unknown-id", body("version", 1, "name", "不存在")).expectStatus().isNotFound();
        // an update replaces the editable fields: code and coordinates left out are cleared
        Api.put(web, admin, "/api/org/regions/" + street, body("version", 2, "name", "虹梅路街道"))
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3).jsonPath("$.code").doesNotExist()
                .jsonPath("$.location").doesNotExist();
        // no deletion
        web.delete().uri("/api/org/regions/" + street).header("Authorization", "Bearer " + admin).exchange().expectStatus().isEqualTo(405);

        String park = Api.park(web, admin, "张江科学城");
        Api.post(web, admin, "/api/org/parks", body("name", "张江科学城")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        Api.building(web, admin, "张江人工智能岛1号楼", park);
        Api.post(web, admin, "/api/org/buildings", body("name", "张江人工智能岛1号楼")).expectStatus().isEqualTo(409);
        Api.put(web, admin, "/api/org/parks/" + park, body("version", 1, "name", "张江科学城（核心区）")).expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(2);
        Api.put(web, admin, "/api/org/parks/" + park, body("version", 1, "name", "张江")).expectStatus().isEqualTo(409);
    }

    @Test
    void parksAndBuildingsArePlacedInTheHierarchy() {
        String pudong = Api.region(web, admin, "DISTRICT", "浦东新区", null);
        String xuhui = Api.region(web, admin, "DISTRICT", "徐汇区", null);
        String zhangjiang = Api.region(web, admin, "STREET", "张江镇", pudong);
        String chj = Api.region(web, admin, "STREET", "漕河泾街道", xuhui);

        Map<?, ?> park = Api.post(web, admin, "/api/org/parks", body("name", "张江科学城", "streetId", zhangjiang,
                        "address", "上海市浦东新区张江路", "location", Map.of("lat", 31.20, "lng", 121.59)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(park.get("districtId")).isEqualTo(pudong); // taken from the street
        assertThat(park.get("district")).isEqualTo("浦东新区");
        assertThat(park.get("street")).isEqualTo("张江镇");
        String parkId = park.get("id").toString();

        Map<?, ?> building = Api.post(web, admin, "/api/org/buildings", body("name", "张江人工智能岛1号楼", "parkId", parkId))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(building.get("park")).isEqualTo("张江科学城");
        assertThat(building.get("districtId")).isEqualTo(pudong); // taken from the park
        assertThat(building.get("streetId")).isEqualTo(zhangjiang);
        Api.post(web, admin, "/api/org/buildings", body("name", "漕河泾科技绿洲A座", "districtId", xuhui, "streetId", chj))
                .expectStatus().isCreated().expectBody().jsonPath("$.parkId").doesNotExist().jsonPath("$.street").isEqualTo("漕河泾街道");

        Api.get(web, admin, "/api/org/buildings?parkId=" + parkId).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].name").isEqualTo("张江人工智能岛1号楼")
                .jsonPath("$.content[0].park").isEqualTo("张江科学城");
        Api.get(web, admin, "/api/org/buildings?districtId=" + xuhui).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1);
        Api.get(web, admin, "/api/org/buildings?q=张江").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1);
        Api.get(web, admin, "/api/org/buildings?q=.*").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.get(web, admin, "/api/org/parks?districtId=" + pudong).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].street").isEqualTo("张江镇");

        // ids that do not exist or do not fit
        Api.post(web, admin, "/api/org/parks", body("name", "错位园区", "districtId", xuhui, "streetId", zhangjiang))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("streetId");
        Api.post(web, admin, "/api/org/parks", body("name", "错位园区", "districtId", zhangjiang))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("districtId");
        Api.post(web, admin, "/api/org/buildings", body("name", "无园区楼", "parkId", "nope", "streetId", "nope"))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'parkId')]").exists().jsonPath("$.errors[?(@.field == 'streetId')]").exists();
        Api.post(web, admin, "/api/org/buildings", body("name", "跨区楼", "parkId", parkId, "districtId", xuhui))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("districtId");
        Api.post(web, admin, "/api/org/parks", body("name", "坐标错误园区", "location", Map.of("lat", -90.1, "lng", 0)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("location.lat");

        // a building moves to another park by an update (with its version)
        String other = Api.park(web, admin, "漕河泾开发区");
        String buildingId = building.get("id").toString();
        Api.put(web, admin, "/api/org/buildings/" + buildingId, body("version", 1, "name", "张江人工智能岛1号楼", "parkId", other))
                .expectStatus().isOk().expectBody().jsonPath("$.park").isEqualTo("漕河泾开发区").jsonPath("$.version").isEqualTo(2);
        Api.put(web, admin, "/api/org/buildings/" + buildingId, body("version", 1, "name", "x"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
    }

    @Test
    void onlyAllianceAdministratorsWrite() {
        String district = Api.region(web, admin, "DISTRICT", "静安区", null);
        String park = Api.park(web, admin, "市北高新园区");
        String building = Api.building(web, admin, "市北高新大厦", park);
        List<String> forbidden = List.of(
                TestTokens.enterpriseAdmin(allianceId, "t-9"),
                TestTokens.user("staff-w").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks(park).token(),
                TestTokens.user("auditor-w").alliance(allianceId).roles(Role.AUDITOR).token(),
                TestTokens.member(allianceId, "t-9"));
        for (String token : forbidden) {
            Api.post(web, token, "/api/org/regions", body("level", "DISTRICT", "name", "越权区")).expectStatus().isForbidden();
            Api.post(web, token, "/api/org/regions", body("level", "STREET", "name", "越权街道", "parentId", district)).expectStatus().isForbidden();
            Api.put(web, token, "/api/org/regions/" + district, body("version", 1, "name", "越权改名")).expectStatus().isForbidden();
            Api.post(web, token, "/api/org/parks", body("name", "越权园区")).expectStatus().isForbidden();
            Api.put(web, token, "/api/org/parks/" + park, body("version", 1, "name", "越权改名")).expectStatus().isForbidden();
            Api.post(web, token, "/api/org/buildings", body("name", "越权楼宇")).expectStatus().isForbidden();
            Api.put(web, token, "/api/org/buildings/" + building, body("version", 1, "name", "越权改名")).expectStatus().isForbidden();
            Api.get(web, token, "/api/org/parks/" + park).expectStatus().isOk();
            Api.get(web, token, "/api/org/buildings/" + building).expectStatus().isOk();
        }
        Api.get(web, admin, "/api/org/regions/" + district).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("静安区")
                .jsonPath("$.version").isEqualTo(1);
        Api.get(web, admin, "/api/org/parks").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1);
        Api.get(web, admin, "/api/org/buildings").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1);

        // every write is audited
        String auditor = TestTokens.user("auditor-" + allianceId).alliance(allianceId).roles(Role.AUDITOR).token();
        Api.get(web, auditor, "/api/org/audit?targetId=" + park).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].action").isEqualTo("PARK_CREATED");
    }

    @Test
    void anotherAlliancesLocationsAreOutOfReach() {
        String district = Api.region(web, admin, "DISTRICT", "黄浦区", null);
        String park = Api.park(web, admin, "外滩金融集聚带");
        String building = Api.building(web, admin, "外滩中心", park);
        Api.AllianceAdmin other = Api.newAlliance(web, "另一个联盟");

        Api.get(web, other.token(), "/api/org/regions/" + district).expectStatus().isNotFound();
        Api.get(web, other.token(), "/api/org/parks/" + park).expectStatus().isNotFound();
        Api.get(web, other.token(), "/api/org/buildings/" + building).expectStatus().isNotFound();
        Api.put(web, other.token(), "/api/org/regions/" + district, body("version", 1, "name", "改名")).expectStatus().isNotFound();
        Api.put(web, other.token(), "/api/org/parks/" + park, body("version", 1, "name", "改名")).expectStatus().isNotFound();
        Api.put(web, other.token(), "/api/org/buildings/" + building, body("version", 1, "name", "改名")).expectStatus().isNotFound();
        Api.get(web, other.token(), "/api/org/regions").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.get(web, other.token(), "/api/org/regions/tree").expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        Api.get(web, other.token(), "/api/org/parks").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        // the other alliance cannot hang its places on this alliance's ones; the same names are free there
        Api.post(web, other.token(), "/api/org/regions", body("level", "STREET", "name", "外滩街道", "parentId", district))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, other.token(), "/api/org/buildings", body("name", "外滩中心二期", "parkId", park))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parkId");
        Api.region(web, other.token(), "DISTRICT", "黄浦区", null);
        Api.park(web, other.token(), "外滩金融集聚带");

        // the platform administrator names the alliance it acts on
        String platform = Api.login(web, "platform-admin", "Platform@2026");
        Api.post(web, platform, "/api/org/parks", body("name", "平台建的园区")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("allianceId");
        Api.post(web, platform, "/api/org/parks", body("name", "平台建的园区", "allianceId", "no-such-alliance")).expectStatus().isNotFound();
        Api.post(web, platform, "/api/org/parks", body("name", "平台建的园区", "allianceId", allianceId)).expectStatus().isCreated()
                .expectBody().jsonPath("$.allianceId").isEqualTo(allianceId);
        Api.get(web, platform, "/api/org/parks?allianceId=" + allianceId).expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(2);
        Api.get(web, platform, "/api/org/regions/tree").expectStatus().isBadRequest();
        Api.get(web, platform, "/api/org/regions/tree?allianceId=" + allianceId).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    @Test
    void theCatalogueResolvesTheAlliancesNames() {
        String pudong = Api.region(web, admin, "DISTRICT", "浦东新区", null);
        String zhangjiang = Api.region(web, admin, "STREET", "张江镇", pudong);
        String community = Api.region(web, admin, "COMMUNITY", "高科苑社区", zhangjiang);
        String park = Api.post(web, admin, "/api/org/parks", body("name", "张江科学城", "streetId", zhangjiang)).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        String building = Api.building(web, admin, "张江人工智能岛1号楼", park);
        Api.AllianceAdmin other = Api.newAlliance(web, "目录测试另一联盟");
        Api.region(web, other.token(), "DISTRICT", "浦东新区", null);

        LocationCatalogue catalogue = regions.catalogue(Scope.system(allianceId, null)).block(Duration.ofSeconds(10));
        assertThat(catalogue.district("浦东新区")).get().extracting(Place::id).isEqualTo(pudong);
        assertThat(catalogue.street(pudong, "张江镇")).get().extracting(Place::id).isEqualTo(zhangjiang);
        assertThat(catalogue.community(zhangjiang, "高科苑社区")).get().extracting(Place::id).isEqualTo(community);
        assertThat(catalogue.park("张江科学城").orElseThrow().parentId()).isEqualTo(zhangjiang);
        Place b = catalogue.building("张江人工智能岛1号楼").orElseThrow();
        assertThat(b.id()).isEqualTo(building);
        assertThat(b.parkId()).isEqualTo(park);
        assertThat(b.parentId()).isEqualTo(zhangjiang);
        assertThat(catalogue.regionCount()).isEqualTo(3);
        assertThat(regions.catalogue(Scope.unrestricted("test")).onErrorResume(IllegalArgumentException.class, e -> reactor.core.publisher.Mono.empty())
                .block(Duration.ofSeconds(10))).isNull();
    }

    @Test
    void changesArePublishedOnTheRegionTopic() {
        String district = Api.region(web, admin, "DISTRICT", "长宁区", null);
        Api.put(web, admin, "/api/org/regions/" + district, body("version", 1, "name", "长宁区（新）")).expectStatus().isOk();
        String park = Api.park(web, admin, "虹桥临空经济园区");
        String building = Api.building(web, admin, "临空1号楼", park);

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "region-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, RegionService.TOPIC);
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(r -> {
                    if (List.of(district, park, building).contains(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine).hasSize(4);
            });
            List<String> types = mine.stream().map(r -> new String(r.headers().lastHeader("ce_type").value(), UTF_8)).toList();
            assertThat(types).containsExactlyInAnyOrder("RegionCreated", "RegionUpdated", "ParkCreated", "BuildingCreated");
            ConsumerRecord<String, byte[]> updated = mine.stream()
                    .filter(r -> "RegionUpdated".equals(new String(r.headers().lastHeader("ce_type").value(), UTF_8))).findFirst().orElseThrow();
            assertThat(new String(updated.headers().lastHeader("allianceid").value(), UTF_8)).isEqualTo(allianceId);
            assertThat(new String(updated.value(), UTF_8)).contains("\"kind\":\"REGION\"").contains("\"version\":2")
                    .contains("\"name\":\"长宁区（新）\"").contains("\"level\":\"DISTRICT\"");
            ConsumerRecord<String, byte[]> b = mine.stream().filter(r -> building.equals(r.key())).findFirst().orElseThrow();
            assertThat(new String(b.value(), UTF_8)).contains("\"kind\":\"BUILDING\"").contains("\"parkId\":\"" + park + "\"");
        }
    }

    @Test
    void theApiDocumentsDescribeTheLocationAndStaffEndpoints() {
        Api.get(web, null, "/v3/api-docs").expectStatus().isOk().expectBody(String.class).value(json -> assertThat(json)
                .contains("/api/org/regions/tree", "/api/org/regions/{id}", "/api/org/parks/{id}", "/api/org/buildings",
                        "/api/org/staff/me", "/api/org/staff/{accountId}/assignments", "区域不能删除"));
    }
}
