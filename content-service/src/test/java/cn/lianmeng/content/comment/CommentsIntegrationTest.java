package cn.lianmeng.content.comment;

import java.util.List;
import java.util.Map;

import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.World;
import org.junit.jupiter.api.Test;

/** Comments: allowed per item, forbidden words refused before storing, held for moderation by default. */
class CommentsIntegrationTest extends ContentTestBase {

    @Test
    void commentsAreFilteredHeldAndModerated() {
        World.Alliance a = world.alliance();
        String tenant = a.enterprise("上海锦程旅游发展有限公司", null, null);
        String org = a.org(tenant, "锦程党支部", "BRANCH", null, List.of());
        String m1 = a.member(tenant, org, List.of(), "秦五");
        String m2 = a.member(tenant, org, List.of(), "尤六");
        String t1 = a.memberToken(m1, tenant, org);
        String t2 = a.memberToken(m2, tenant, org);
        Map<String, Object> open = Publishing.item("ARTICLE", "学习心得交流", Map.of("tenantIds", List.of(tenant)));
        open.put("allowComments", true);
        String item = Publishing.publish(web, a.id, open);
        String closed = Publishing.publish(web, a.id, Publishing.item("NEWS", "不开放评论", Map.of("tenantIds", List.of(tenant))));

        post(t1, "/api/content/items/{id}/comments", Map.of("body", "心得很好"), closed).expectStatus().isEqualTo(409);
        post(t1, "/api/content/items/{id}/comments", Map.of("body", "这里有违 禁-词"), item).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        post(t1, "/api/content/items/{id}/comments", Map.of("body", ""), item).expectStatus().isBadRequest();
        String comment = body(post(t1, "/api/content/items/{id}/comments", Map.of("body", "<b>受益匪浅</b>"), item)
                .expectStatus().isCreated()).get("id").toString();

        // held: the writer sees their own pending comment, others nothing yet
        get(t1, "/api/content/items/{id}/comments", item).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].status").isEqualTo("PENDING")
                .jsonPath("$.content[0].mine").isEqualTo(true).jsonPath("$.content[0].body").isEqualTo("<b>受益匪浅</b>");
        get(t2, "/api/content/items/{id}/comments", item).expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        post(t2, "/api/content/comments/{id}/approve", null, comment).expectStatus().isForbidden();
        post(a.enterpriseAdmin(tenant), "/api/content/comments/{id}/approve", null, comment).expectStatus().isNotFound();
        get(a.allianceAdmin(), "/api/content/items/{id}/comments?status=PENDING", item).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1);
        post(a.allianceAdmin(), "/api/content/comments/{id}/approve", null, comment).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("APPROVED");
        get(t2, "/api/content/items/{id}/comments", item).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].authorName").isEqualTo("秦五");

        // the alliance turns moderation off and adds its own word
        put(a.allianceAdmin(), "/api/content/settings", Map.of("version", 0, "pointsEnabled", false, "pointsPerHour", 10,
                "commentModeration", false, "forbiddenWords", List.of("刷分"))).expectStatus().isOk();
        post(t2, "/api/content/items/{id}/comments", Map.of("body", "一起刷分吧"), item).expectStatus().isBadRequest();
        post(t2, "/api/content/items/{id}/comments", Map.of("body", "赞同"), item).expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("APPROVED");
        put(a.allianceAdmin(), "/api/content/settings", Map.of("version", 0, "pointsEnabled", true, "pointsPerHour", 10,
                "commentModeration", true)).expectStatus().isEqualTo(409);
        put(a.enterpriseAdmin(tenant), "/api/content/settings", Map.of("version", 1, "pointsEnabled", true, "pointsPerHour", 10,
                "commentModeration", true)).expectStatus().isForbidden();
    }
}
