package cn.lianmeng.content.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import cn.lianmeng.content.audience.Members;
import cn.lianmeng.content.audience.Organisations;
import cn.lianmeng.content.files.FileStore;
import cn.lianmeng.content.item.ContentItems;
import cn.lianmeng.content.mailbox.Mailbox;
import cn.lianmeng.content.school.School;
import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.World;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo loader's two phases against a world shaped like org-service's demo data. */
class ContentDemoDataTest extends ContentTestBase {

    @Autowired
    TenantDirectory tenants;
    @Autowired
    Organisations organisations;
    @Autowired
    Members members;
    @Autowired
    ContentItems items;
    @Autowired
    FileStore files;
    @Autowired
    School school;
    @Autowired
    Mailbox mailbox;
    @Autowired
    MongoAccess mongo;

    @Test
    @SuppressWarnings("unchecked")
    void loadsARealisticMixAndParticipation() {
        World.Alliance a = world.alliance();
        String anchor = a.enterprise(ContentDemoData.ANCHOR_ENTERPRISE, null, null);
        a.enterprise("上海张江芯源微电子有限公司", null, null);
        a.enterprise("上海陆家嘴金融信息服务有限公司", null, null);
        String org = a.org(anchor, "浦江数智党支部", "BRANCH", null, List.of());
        String m1 = a.member(anchor, org, List.of(), "演示党员甲");
        String m2 = a.member(anchor, org, List.of(), "演示党员乙", "SECRETARY");
        ContentDemoData demo = new ContentDemoData(tenants, organisations, members, items, files, school, mailbox, mongo, Clock.systemUTC());
        List<Document> enterprises = tenants.collection().find(Scope.system(a.id, null), new Document(), null, null, 0, 10).collectList().block();
        ContentDemoData.DemoAlliance alliance = new ContentDemoData.DemoAlliance(a.id, enterprises);

        demo.content(alliance).block();
        String t1 = a.memberToken(m1, anchor, org);
        String secretary = a.memberToken(m2, anchor, org);
        List<String> feed = Publishing.feedIds(web, t1);
        assertThat(feed).hasSize(6); // 2 news, disclosure, 2 courses, own enterprise notice (not: secretaries-only, other enterprises', scheduled)
        assertThat(Publishing.feedIds(web, secretary)).hasSize(7);
        Map<String, Object> courses = body(get(t1, "/api/content/feed?kind=COURSE"));
        List<Map<String, Object>> list = (List<Map<String, Object>>) courses.get("content");
        assertThat(list).extracting(c -> c.get("title")).containsExactlyInAnyOrder("学习贯彻党的二十届三中全会精神", "基层党组织书记履职能力提升");

        demo.participation(alliance, members.collection().find(Scope.system(a.id, null), new Document("active", true), null, null, 0, 6)
                .collectList().block()).block();
        get(t1, "/api/content/school/me").expectStatus().isOk().expectBody().jsonPath("$.hours").value(h -> assertThat(((Number) h).doubleValue()).isGreaterThanOrEqualTo(1.0));
        get(t1, "/api/content/mailbox/threads/mine").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1);
        get(a.enterpriseAdmin(anchor), "/api/content/mailbox/threads").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(2);

        // the generated video is a real file behind range requests
        String courseId = list.stream().filter(c -> c.get("title").equals("学习贯彻党的二十届三中全会精神")).findFirst().orElseThrow().get("id").toString();
        Map<String, Object> detail = body(get(t1, "/api/content/school/courses/{id}", courseId));
        String video = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) detail.get("course")).get("course")).get("lessons"))
                .get(0).get("videoFileId").toString();
        web.get().uri("/api/content/files/{id}", video).header("Authorization", "Bearer " + t1).header("Range", "bytes=0-11").exchange()
                .expectStatus().isEqualTo(206).expectHeader().contentType("video/mp4");
    }
}
