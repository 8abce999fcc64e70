package cn.lianmeng.org.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo seeding the lead's demo loader calls: a realistic, rule-abiding (mostly) set of organisations, idempotent. */
class OrganisationDemoIntegrationTest extends OrganisationTestBase {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    OrganisationService service;
    @Autowired
    OrganisationStore store;

    private OrganisationDemo.DemoEnterprise enterprise(String name, int staff, String type) {
        Map<String, Object> body = new HashMap<>(Api.enterprise(name, Api.newCreditCode()));
        body.put("staffCount", staff);
        body.put("type", type);
        body.put("partyMemberCount", staff / 40);
        String id = Api.post(web, admin, "/api/org/enterprises", body).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody().get("id").toString();
        return new OrganisationDemo.DemoEnterprise(id, name, staff, type);
    }

    @Test
    void seedsARealisticAllianceOnceAndAppointsOfficersFromMembers() {
        String parkId = "demo-park-" + System.nanoTime();
        mongo.collection("parks", ScopeRule.allianceOwned()).insert(Scope.system(allianceId, null),
                new Document("_id", parkId).append("allianceId", allianceId).append("name", "张江科学城演示园区").append("version", 1L)).block();
        List<OrganisationDemo.DemoEnterprise> enterprises = new ArrayList<>(List.of(
                enterprise("上海江川电力设备有限公司", 1530, "STATE_OWNED"),
                enterprise("上海申通物流发展有限公司", 1200, "STATE_OWNED"),
                enterprise("上海张江芯源微电子有限公司", 860, "PRIVATE"),
                enterprise("上海海纳生物医药有限公司", 410, "JOINT_VENTURE"),
                enterprise("上海金桥智能装备有限公司", 230, "PRIVATE"),
                enterprise("上海漕河泾云计算有限公司", 150, "PRIVATE"),
                enterprise("上海莘庄新材料有限公司", 75, "PRIVATE"),
                enterprise("上海新航跨境电商有限公司", 33, "PRIVATE"),
                enterprise("上海星河数据服务有限公司", 27, "PRIVATE"),
                enterprise("上海闵行社区公益服务中心", 18, "SOCIAL_ORG"),
                enterprise("上海联创孵化器管理有限公司", 15, "PRIVATE"),
                enterprise("上海同心志愿者协会", 12, "SOCIAL_ORG"),
                enterprise("上海静安寺餐饮管理有限公司", 9, "PRIVATE")));

        List<OrganisationDemo.SeededOrganisation> seeded = OrganisationDemo.seed(service, store, allianceId, enterprises, parkId, TODAY)
                .block(Duration.ofMinutes(1));
        assertThat(seeded).extracting(OrganisationDemo.SeededOrganisation::name).contains("江川电力设备党委", "生产运营党总支", "运维一党支部",
                "第一党小组", "申通物流发展党委", "张江芯源微电子党支部", "园区综合党委", "小微企业挂靠党支部");
        assertThat(seeded).filteredOn(o -> o.kind().equals("JOINT_BRANCH")).singleElement().satisfies(j -> {
            Map<String, Object> joint = get(admin, j.id());
            assertThat((List<Object>) joint.get("coveredEnterpriseIds")).hasSize(4);
        });
        // one overdue term, and not every enterprise has its own organisation
        assertThat(page(admin, BASE + "/terms?due=overdue").get("totalElements")).isEqualTo(1);
        assertThat(seeded).extracting(OrganisationDemo.SeededOrganisation::tenantId).doesNotContain(enterprises.get(5).id());
        assertThat(page(admin, BASE + "/warnings?code=SHOULD_ESTABLISH").get("totalElements")).isEqualTo(1);

        // members arrive (the member package's demo), then officers are appointed from them
        String bigBranch = seeded.stream().filter(o -> o.name().equals("运维一党支部")).findFirst().orElseThrow().id();
        String smallBranch = seeded.stream().filter(o -> o.name().equals("张江芯源微电子党支部")).findFirst().orElseThrow().id();
        for (int i = 0; i < 9; i++) {
            insertMember(enterprises.get(0).id(), bigBranch, "运维党员" + i, "FULL", true);
        }
        insertMember(enterprises.get(2).id(), smallBranch, "芯源党员甲", "FULL", true);
        insertMember(enterprises.get(2).id(), smallBranch, "芯源党员乙", "PROBATIONARY", true);
        OrganisationDemo.appointOfficers(service, store, allianceId, seeded, TODAY).block(Duration.ofMinutes(1));
        assertThat((List<Object>) get(admin, bigBranch).get("officers")).hasSize(1);   // the committee-rule example
        assertThat((List<Object>) get(admin, smallBranch).get("officers")).hasSize(2);

        // running again creates nothing new
        List<OrganisationDemo.SeededOrganisation> again = OrganisationDemo.seed(service, store, allianceId, enterprises, parkId, TODAY)
                .block(Duration.ofMinutes(1));
        assertThat(again).extracting(OrganisationDemo.SeededOrganisation::id)
                .containsExactlyInAnyOrderElementsOf(seeded.stream().map(OrganisationDemo.SeededOrganisation::id).toList());
        OrganisationDemo.appointOfficers(service, store, allianceId, again, TODAY).block(Duration.ofMinutes(1));
        assertThat(get(admin, bigBranch).get("version")).isEqualTo(2);
    }

    private Map<String, Object> page(String token, String uri) {
        return Api.get(web, token, uri).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void shortNamesDropCityAndLegalForm() {
        assertThat(OrganisationDemo.shortName("上海江川电力设备有限公司")).isEqualTo("江川电力设备");
        assertThat(OrganisationDemo.shortName("上海同心志愿者协会")).isEqualTo("同心志愿者");
        assertThat(OrganisationDemo.shortName("联盟")).isEqualTo("联盟");
    }
}
