package cn.lianmeng.content.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.Tokens;
import cn.lianmeng.content.support.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audience targeting end to end: items addressed to the alliance, an enterprise, an organisation subtree, a park, a
 * building, secretaries only, and a public disclosure reach exactly their members; receipts, unread markers, reach.
 */
class AudienceFeedIntegrationTest extends ContentTestBase {

    World.Alliance alliance;
    String t1;
    String t2;
    String committee;
    String branch;
    String branch2;
    String m1;
    String secretary;
    String m2;
    String everyone;
    String enterprise1;
    String subtree;
    String park2;
    String building1;
    String secretaries;
    String disclosure;

    @BeforeEach
    void world() {
        alliance = world.alliance();
        t1 = alliance.enterprise("上海海纳生物医药有限公司", "park-1", "bld-1");
        t2 = alliance.enterprise("上海金桥智能装备有限公司", "park-2", null);
        committee = alliance.org(t1, "海纳党委", "COMMITTEE", null, List.of());
        branch = alliance.org(t1, "生产党支部", "BRANCH", committee, List.of(committee));
        branch2 = alliance.org(t2, "金桥党支部", "BRANCH", null, List.of());
        m1 = alliance.member(t1, branch, List.of(committee), "王五");
        secretary = alliance.member(t1, branch, List.of(committee), "赵书记", "SECRETARY");
        m2 = alliance.member(t2, branch2, List.of(), "钱六");

        everyone = Publishing.publish(web, alliance.id, Publishing.item("NEWS", "全联盟动态", Map.of("allianceWide", true)));
        enterprise1 = Publishing.publish(web, alliance.id, Publishing.item("NOTICE", "海纳通知", Map.of("tenantIds", List.of(t1))));
        subtree = Publishing.publish(web, alliance.id, Publishing.item("NOTICE", "党委通知", Map.of("orgIds", List.of(committee))));
        park2 = Publishing.publish(web, alliance.id, Publishing.item("NEWS", "二号园区动态", Map.of("parkIds", List.of("park-2"))));
        building1 = Publishing.publish(web, alliance.id, Publishing.item("NEWS", "一号楼动态", Map.of("buildingIds", List.of("bld-1"))));
        secretaries = Publishing.publish(web, alliance.id, Publishing.item("NOTICE", "书记专题培训",
                Map.of("allianceWide", true, "roles", List.of("SECRETARY"))));
        disclosure = Publishing.publish(web, alliance.id, Publishing.item("DISCLOSURE", "金桥党务公开",
                Map.of("tenantIds", List.of(t2), "publicInAlliance", true)));
    }

    @Test
    void eachMemberSeesExactlyWhatTheirAudienceMembershipsEntitleThemTo() {
        assertThat(Publishing.feedIds(web, alliance.memberToken(m1, t1, branch)))
                .containsExactly(disclosure, building1, subtree, enterprise1, everyone);
        assertThat(Publishing.feedIds(web, alliance.memberToken(secretary, t1, branch)))
                .containsExactly(disclosure, secretaries, building1, subtree, enterprise1, everyone);
        assertThat(Publishing.feedIds(web, alliance.memberToken(m2, t2, branch2)))
                .containsExactly(disclosure, park2, everyone);
        // district staff of park 2: the park's items, alliance-wide items and public disclosures
        assertThat(Publishing.feedIds(web, Tokens.staff(alliance.id, List.of("park-2"), List.of())))
                .containsExactly(disclosure, park2, everyone);
        // an enterprise admin reads what reaches their enterprise
        assertThat(Publishing.feedIds(web, alliance.enterpriseAdmin(t2))).containsExactly(disclosure, park2, everyone);
        // the alliance admin sees everything published in the alliance, another alliance nothing of it
        assertThat(Publishing.feedIds(web, alliance.allianceAdmin())).hasSize(7);
        assertThat(Publishing.feedIds(web, Tokens.allianceAdmin("other-" + alliance.id))).isEmpty();
        get(Tokens.auditor(alliance.id), "/api/content/feed").expectStatus().isForbidden();
    }

    @Test
    void readingOutsideTheAudienceIs404AndReceiptsAreRecordedOncePerMember() {
        String m2Token = alliance.memberToken(m2, t2, branch2);
        get(m2Token, "/api/content/items/{id}", enterprise1).expectStatus().isNotFound();
        get(m2Token, "/api/content/items/{id}", secretaries).expectStatus().isNotFound();
        get(m2Token, "/api/content/items/{id}", disclosure).expectStatus().isOk()
                .expectBody().jsonPath("$.publicInAlliance").isEqualTo(true).jsonPath("$.allowComments").isEqualTo(false);

        String m1Token = alliance.memberToken(m1, t1, branch);
        get(m1Token, "/api/content/feed").expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.id=='" + enterprise1 + "')].read").isEqualTo(false);
        get(m1Token, "/api/content/items/{id}", enterprise1).expectStatus().isOk();
        get(m1Token, "/api/content/items/{id}", enterprise1).expectStatus().isOk();
        get(m1Token, "/api/content/feed").expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.id=='" + enterprise1 + "')].read").isEqualTo(true)
                .jsonPath("$.content[?(@.id=='" + everyone + "')].read").isEqualTo(false);

        // reach for the item's managers: 2 delivered in the branch, 1 read, per organisation
        get(alliance.allianceAdmin(), "/api/content/items/{id}/reach", enterprise1).expectStatus().isOk().expectBody()
                .jsonPath("$.delivered").isEqualTo(2).jsonPath("$.read").isEqualTo(1).jsonPath("$.readRate").isEqualTo(0.5)
                .jsonPath("$.organisations[0].orgName").isEqualTo("生产党支部")
                .jsonPath("$.organisations[0].delivered").isEqualTo(2);
        get(alliance.allianceAdmin(), "/api/content/items/{id}/reach", everyone).expectStatus().isOk().expectBody()
                .jsonPath("$.delivered").isEqualTo(3).jsonPath("$.read").isEqualTo(0);
        get(m1Token, "/api/content/items/{id}/reach", enterprise1).expectStatus().isForbidden();
        get(alliance.enterpriseAdmin(t1), "/api/content/items/{id}/reach", enterprise1).expectStatus().isNotFound();
    }

    @Test
    void aMemberWhoLeftNoLongerReadsAndPagingIsStable() {
        String token = alliance.memberToken(m1, t1, branch);
        get(token, "/api/content/feed?size=2").expectStatus().isOk().expectBody()
                .jsonPath("$.content.length()").isEqualTo(2).jsonPath("$.hasNext").isEqualTo(true);
        get(token, "/api/content/feed?size=2&page=2").expectStatus().isOk().expectBody()
                .jsonPath("$.content.length()").isEqualTo(1).jsonPath("$.hasNext").isEqualTo(false)
                .jsonPath("$.content[0].id").isEqualTo(everyone);
        get(token, "/api/content/feed?size=101").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        get(token, "/api/content/feed?kind=NOPE").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
        get(token, "/api/content/feed?kind=NOTICE").expectStatus().isOk().expectBody().jsonPath("$.content.length()").isEqualTo(2);

        alliance.member(m1, t1, branch, List.of(committee), "王五", false);
        assertThat(Publishing.feedIds(web, token)).containsExactly(disclosure);
        get(token, "/api/content/items/{id}", everyone).expectStatus().isNotFound();
    }
}
