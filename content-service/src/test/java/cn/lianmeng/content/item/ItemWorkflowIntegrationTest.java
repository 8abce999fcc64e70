package cn.lianmeng.content.item;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.World;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.content.support.Tokens;
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

/** The review workflow through HTTP: drafts, review by someone else, scheduled publishing, withdrawal, events. */
class ItemWorkflowIntegrationTest extends ContentTestBase {

    @Autowired
    EmbeddedKafkaBroker broker;

    World.Alliance alliance;
    String tenant;
    String otherTenant;
    String committee;
    String branch;
    String member;
    String outsider;

    @BeforeEach
    void world() {
        alliance = world.alliance();
        tenant = alliance.enterprise("上海浦江数智科技有限公司", "park-1", null);
        otherTenant = alliance.enterprise("上海张江芯源微电子有限公司", null, null);
        committee = alliance.org(tenant, "浦江数智党委", "COMMITTEE", null, List.of());
        branch = alliance.org(tenant, "研发党支部", "BRANCH", committee, List.of(committee));
        member = alliance.member(tenant, branch, List.of(committee), "张三");
        String otherOrg = alliance.org(otherTenant, "芯源党支部", "BRANCH", null, List.of());
        outsider = alliance.member(otherTenant, otherOrg, List.of(), "李四");
    }

    static Map<String, Object> news(String title, Map<String, Object> audience) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "NEWS");
        body.put("title", title);
        body.put("summary", "联盟党建动态摘要");
        body.put("body", "<p>正文<script>alert(1)</script></p><img src=x onerror=alert(1)>");
        body.put("tags", List.of("党建", "联建"));
        body.put("audience", audience);
        return body;
    }

    @Test
    void anAuthorNeverApprovesTheirOwnItemAndAnotherAdminPublishesIt() {
        String author = Tokens.account("author-1").name("作者").alliance(alliance.id).roles(Role.ALLIANCE_ADMIN).token();
        String reviewer = Tokens.account("reviewer-1").name("审核人").alliance(alliance.id).roles(Role.ALLIANCE_ADMIN).token();
        Map<String, Object> created = body(post(author, "/api/content/items",
                news("联盟召开党建工作会议", Map.of("tenantIds", List.of(tenant)))).expectStatus().isCreated());
        String id = created.get("id").toString();
        assertThat(created.get("status")).isEqualTo("DRAFT");
        assertThat(created.get("body").toString()).doesNotContain("script").doesNotContain("onerror").contains("正文");

        // not visible to its audience while a draft
        get(alliance.memberToken(member, tenant, branch), "/api/content/items/{id}", id).expectStatus().isNotFound();

        post(author, "/api/content/items/{id}/approve", Map.of(), id).expectStatus().isEqualTo(409); // a draft is not reviewable
        post(author, "/api/content/items/{id}/submit", Map.of("version", 1), id).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("IN_REVIEW");
        post(author, "/api/content/items/{id}/approve", Map.of(), id).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("作者不能审核"));
        post(reviewer, "/api/content/items/{id}/approve", Map.of("version", 2), id).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PUBLISHED").jsonPath("$.reviewerName").isEqualTo("审核人");

        get(alliance.memberToken(member, tenant, branch), "/api/content/items/{id}", id).expectStatus().isOk()
                .expectBody().jsonPath("$.title").isEqualTo("联盟召开党建工作会议").jsonPath("$.audience").doesNotExist()
                .jsonPath("$.read").isEqualTo(true);
        // another enterprise's member is outside the audience: 404, not 403
        get(alliance.memberToken(outsider, otherTenant, "x"), "/api/content/items/{id}", id).expectStatus().isNotFound();
        // another alliance's admin: 404
        get(Tokens.allianceAdmin("another-alliance"), "/api/content/items/{id}", id).expectStatus().isNotFound();
        // auditors read the audit log only
        get(Tokens.auditor(alliance.id), "/api/content/items/{id}", id).expectStatus().isForbidden();
    }

    @Test
    void anEditorCountsAsAnAuthorToo() {
        String first = Tokens.account("writer-a").alliance(alliance.id).tenant(tenant).roles(Role.ENTERPRISE_ADMIN).token();
        String second = Tokens.account("writer-b").alliance(alliance.id).tenant(tenant).roles(Role.ENTERPRISE_ADMIN).token();
        String id = body(post(first, "/api/content/items", news("支部通知", Map.of("orgIds", List.of(branch))))
                .expectStatus().isCreated()).get("id").toString();
        put(second, "/api/content/items/{id}", withVersion(news("支部通知（修订）", Map.of("orgIds", List.of(branch))), 1), id).expectStatus().isOk();
        post(second, "/api/content/items/{id}/submit", null, id).expectStatus().isOk();
        post(second, "/api/content/items/{id}/approve", null, id).expectStatus().isForbidden();
        post(first, "/api/content/items/{id}/approve", null, id).expectStatus().isForbidden();
        post(alliance.allianceAdmin(), "/api/content/items/{id}/approve", null, id).expectStatus().isOk();
    }

    @Test
    void rejectionCarriesTheReasonBackToTheDraftAndStaleVersionsConflict() {
        String author = alliance.enterpriseAdmin(tenant);
        String reviewer = alliance.enterpriseAdmin(tenant);
        String id = body(post(author, "/api/content/items", news("通知", Map.of("tenantIds", List.of(tenant))))
                .expectStatus().isCreated()).get("id").toString();
        post(author, "/api/content/items/{id}/submit", null, id).expectStatus().isOk();
        post(reviewer, "/api/content/items/{id}/reject", Map.of("reason", ""), id).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        post(reviewer, "/api/content/items/{id}/reject", Map.of("reason", "请补充活动照片", "version", 2), id).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("DRAFT").jsonPath("$.lastRejection.reason").isEqualTo("请补充活动照片");
        put(author, "/api/content/items/{id}", withVersion(news("通知", Map.of("tenantIds", List.of(tenant))), 2), id)
                .expectStatus().isEqualTo(409);
        put(author, "/api/content/items/{id}", withVersion(news("通知（附照片）", Map.of("tenantIds", List.of(tenant))), 3), id)
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(4);
    }

    @Test
    void scheduledItemsArePublishedByTheSchedulerAndWithdrawnOnesDisappear() {
        String author = alliance.enterpriseAdmin(tenant);
        String reviewer = alliance.allianceAdmin();
        Map<String, Object> req = news("定时发布的通知", Map.of("tenantIds", List.of(tenant)));
        req.put("publishAt", OffsetDateTime.now().plusSeconds(2).toString());
        String id = body(post(author, "/api/content/items", req).expectStatus().isCreated()).get("id").toString();
        post(author, "/api/content/items/{id}/submit", null, id).expectStatus().isOk();
        post(reviewer, "/api/content/items/{id}/approve", null, id).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SCHEDULED");
        String reader = alliance.memberToken(member, tenant, branch);
        get(reader, "/api/content/items/{id}", id).expectStatus().isNotFound();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                get(reader, "/api/content/items/{id}", id).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PUBLISHED"));

        post(author, "/api/content/items/{id}/withdraw", Map.of("reason", "信息有误"), id).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN").jsonPath("$.withdrawal.reason").isEqualTo("信息有误");
        get(reader, "/api/content/items/{id}", id).expectStatus().isNotFound();
        post(author, "/api/content/items/{id}/withdraw", Map.of("reason", "再次"), id).expectStatus().isEqualTo(409);

        // every transition went out on content.item.v1, in order, with the CloudEvents headers
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "item-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, "content.item.v1");
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300)).forEach(r -> {
                    if (id.equals(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine.stream().map(r -> new String(r.headers().lastHeader("ce_type").value(), UTF_8)))
                        .containsExactly("ContentCreated", "ContentSubmitted", "ContentScheduled", "ContentPublished", "ContentWithdrawn");
            });
            ConsumerRecord<String, byte[]> published = mine.get(3);
            assertThat(new String(published.headers().lastHeader("allianceid").value(), UTF_8)).isEqualTo(alliance.id);
            assertThat(new String(published.headers().lastHeader("tenantid").value(), UTF_8)).isEqualTo(tenant);
            assertThat(new String(published.value(), UTF_8)).contains("\"status\":\"PUBLISHED\"").contains("\"version\":4")
                    .contains("\"audienceKeys\":[\"T:" + tenant + "\"]").doesNotContain("<p>");
        }
    }

    @Test
    void authorsStayWithinTheirScope() {
        String enterpriseAdmin = alliance.enterpriseAdmin(tenant);
        post(enterpriseAdmin, "/api/content/items", news("全联盟", Map.of("allianceWide", true))).expectStatus().isForbidden();
        post(enterpriseAdmin, "/api/content/items", news("他企", Map.of("tenantIds", List.of(otherTenant)))).expectStatus().isForbidden();
        post(enterpriseAdmin, "/api/content/items", news("园区", Map.of("parkIds", List.of("park-1")))).expectStatus().isForbidden();
        post(enterpriseAdmin, "/api/content/items", news("空受众", Map.of())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("audience");
        post(enterpriseAdmin, "/api/content/items", news("未知组织", Map.of("orgIds", List.of("nope")))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("audience.orgIds");
        String orgAdmin = alliance.orgAdmin(tenant, branch);
        post(orgAdmin, "/api/content/items", news("上级党委", Map.of("orgIds", List.of(committee)))).expectStatus().isForbidden();
        post(orgAdmin, "/api/content/items", news("本支部", Map.of("orgIds", List.of(branch)))).expectStatus().isCreated()
                .expectBody().jsonPath("$.authorOrgId").isEqualTo(branch).jsonPath("$.authorOrgName").isEqualTo("研发党支部");
        post(alliance.memberToken(member, tenant, branch), "/api/content/items", news("党员", Map.of("orgIds", List.of(branch))))
                .expectStatus().isForbidden();
        Map<String, Object> notice = news("公开", Map.of("tenantIds", List.of(tenant), "publicInAlliance", true));
        post(enterpriseAdmin, "/api/content/items", notice).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("audience.publicInAlliance");
        post(null, "/api/content/items", notice).expectStatus().isUnauthorized();
    }

    static Map<String, Object> withVersion(Map<String, Object> body, long version) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("version", version);
        return copy;
    }
}
