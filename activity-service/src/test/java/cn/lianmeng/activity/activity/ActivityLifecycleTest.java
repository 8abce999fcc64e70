package cn.lianmeng.activity.activity;

import static cn.lianmeng.activity.support.Activities.edit;
import static cn.lianmeng.activity.support.Activities.inMinutes;
import static cn.lianmeng.activity.support.Activities.meeting;
import static cn.lianmeng.activity.support.Activities.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.Published;
import cn.lianmeng.activity.support.Tokens;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** DRAFT → SCHEDULED → HELD / CANCELLED through HTTP, the events it publishes, and bad input that stores nothing. */
class ActivityLifecycleTest extends ActivityTestBase {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void draftPublishEditHoldAndMinutesWithTheirEvents() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "研发中心党支部", "BRANCH");
        world.members(branch, 3, 1);
        String admin = world.enterpriseAdmin(tenant);

        Map<String, Object> draft = body(post(admin, "/activities", with(meeting(branch.id(), "BRANCH_COMMITTEE", 120), "publish", false))
                .expectStatus().isCreated());
        String id = draft.get("id").toString();
        assertThat(draft.get("status")).isEqualTo("DRAFT");
        assertThat(draft.get("hostOrgName")).isEqualTo("研发中心党支部");
        assertThat(draft.get("typeLabel")).isEqualTo("支委会");

        Map<String, Object> scheduled = body(post(admin, "/activities/{id}/publish", null, id).expectStatus().isOk());
        assertThat(scheduled.get("status")).isEqualTo("SCHEDULED");
        post(admin, "/activities/{id}/publish", null, id).expectStatus().isEqualTo(409);

        Map<String, Object> edited = body(put(admin, "/activities/{id}", edit(scheduled, "title", "支委会（改期）",
                "startAt", inMinutes(180).toString(), "endAt", inMinutes(240).toString()), id).expectStatus().isOk());
        assertThat(edited.get("title")).isEqualTo("支委会（改期）");
        put(admin, "/activities/{id}", edit(scheduled, "title", "过期版本"), id).expectStatus().isEqualTo(409);

        post(admin, "/activities/{id}/hold", null, id).expectStatus().isEqualTo(409);
        put(admin, "/activities/{id}/minutes", Map.of("version", edited.get("version"), "topic", "议题", "content", "内容"), id)
                .expectStatus().isEqualTo(409);
        clock.shift(Duration.ofMinutes(200));
        Map<String, Object> held = body(post(admin, "/activities/{id}/hold", null, id).expectStatus().isOk());
        assertThat(held.get("status")).isEqualTo("HELD");
        Map<String, Object> minutes = Map.of("version", held.get("version"), "topic", "研究第四季度发展党员工作",
                "content", "会议由书记主持……", "decisions", List.of("确定两名入党积极分子"),
                "attachments", List.of(Map.of("name", "会议签到表.pdf", "ref", "file-123")));
        Map<String, Object> recorded = body(put(admin, "/activities/{id}/minutes", minutes, id).expectStatus().isOk());
        assertThat(((Map<?, ?>) recorded.get("minutes")).get("topic")).isEqualTo("研究第四季度发展党员工作");

        try (Published published = new Published(broker, json, ActivityEvents.TOPIC)) {
            List<Published.Event> mine = published.await(e -> id.equals(e.key()), 3);
            assertThat(mine).extracting(Published.Event::type).containsExactly("ActivityScheduled", "ActivityChanged", "ActivityHeld");
            assertThat(mine.get(1).body().get("changedFields")).isEqualTo(List.of("title", "startAt", "endAt"));
            assertThat(mine.get(0).tenantId()).isEqualTo(tenant);
            Map<String, Object> heldBody = mine.get(2).body();
            assertThat(heldBody).containsKeys("activityId", "allianceId", "tenantId", "type", "title", "startAt", "endAt", "heldAt",
                    "hostOrgId", "reachedEnterpriseIds", "organisations", "version", "occurredAt");
            @SuppressWarnings("unchecked")
            Map<String, Object> org = ((List<Map<String, Object>>) heldBody.get("organisations")).get(0);
            assertThat(org).containsEntry("orgId", branch.id()).containsEntry("tenantId", tenant).containsEntry("absent", 4)
                    .containsEntry("fullMembers", 3).containsEntry("fullPresent", 0);
        }
    }

    @Test
    void cancellingNeedsAReasonAndAnnouncesOnlyWhatWasAnnounced() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "销售部党支部", "BRANCH");
        String admin = world.enterpriseAdmin(tenant);
        String scheduled = body(post(admin, "/activities", meeting(branch.id(), "THEME_DAY", 60)).expectStatus().isCreated()).get("id").toString();
        String draft = body(post(admin, "/activities", with(meeting(branch.id(), "THEME_DAY", 60), "publish", false))
                .expectStatus().isCreated()).get("id").toString();
        post(admin, "/activities/{id}/cancel", Map.of("reason", " "), scheduled).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        Map<String, Object> cancelled = body(post(admin, "/activities/{id}/cancel", Map.of("reason", "台风预警，改期举行"), scheduled)
                .expectStatus().isOk());
        assertThat(cancelled.get("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancelReason")).isEqualTo("台风预警，改期举行");
        post(admin, "/activities/{id}/cancel", Map.of("reason", "再取消"), scheduled).expectStatus().isEqualTo(409);
        post(admin, "/activities/{id}/cancel", Map.of("reason", "不办了"), draft).expectStatus().isOk();
        try (Published published = new Published(broker, json, ActivityEvents.TOPIC)) {
            assertThat(published.await(e -> scheduled.equals(e.key()), 2)).extracting(Published.Event::type)
                    .containsExactly("ActivityScheduled", "ActivityCancelled");
            published.await(e -> draft.equals(e.key()), 0);
        }
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "财务部党支部", "BRANCH");
        World.Org elsewhere = world.org(World.tenant(), "别家党支部", "BRANCH");
        String admin = world.enterpriseAdmin(tenant);
        Map<String, Object> ok = meeting(branch.id(), "PARTY_LESSON", 60);

        post(admin, "/activities", with(ok, "endAt", inMinutes(30).toString())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("endAt");
        post(admin, "/activities", with(ok, "startAt", inMinutes(-10).toString(), "endAt", inMinutes(50).toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("startAt");
        post(admin, "/activities", with(ok, "capacity", 0)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("capacity");
        post(admin, "/activities", with(ok, "capacity", -3)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("capacity");
        post(admin, "/activities", with(ok, "hostOrgId", "o-unknown")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("hostOrgId");
        post(admin, "/activities", with(ok, "hostOrgId", elsewhere.id())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("hostOrgId");
        post(admin, "/activities", with(ok, "audience", Map.of("scope", "ORGANISATIONS", "orgIds", List.of(elsewhere.id()))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("audience.orgIds[0]");
        post(admin, "/activities", with(ok, "type", "PICNIC")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("type");
        post(admin, "/activities", with(ok, "mode", "ONLINE")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("meetingUrl");
        post(admin, "/activities", with(ok, "address", null)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("address");
        post(admin, "/activities", with(ok, "audience", Map.of("scope", "ALLIANCE"))).expectStatus().isForbidden();
        post(Tokens.member(world.alliance, tenant, "m-1"), "/activities", ok).expectStatus().isForbidden();
        post(null, "/activities", ok).expectStatus().isUnauthorized();

        Map<String, Object> page = body(get(admin, "/activities?orgId={o}", branch.id()).expectStatus().isOk());
        assertThat(page.get("totalElements")).isEqualTo(0);
    }

    @Test
    void onlineActivitiesNeedALinkAndOrgAdminsHostOnlyInTheirSubtree() {
        String tenant = World.tenant();
        World.Org committee = world.org(tenant, "公司党委", "COMMITTEE");
        World.Org branchA = world.org(tenant, "一支部", "BRANCH", committee);
        World.Org branchB = world.org(tenant, "二支部", "BRANCH", committee);
        String orgAdminA = Tokens.orgAdmin(world.alliance, tenant, branchA.id());
        Map<String, Object> online = with(meeting(branchA.id(), "STUDY", 60), "mode", "ONLINE", "address", null,
                "meetingUrl", "https://meeting.example.cn/j/123456");
        Map<String, Object> created = body(post(orgAdminA, "/activities", online).expectStatus().isCreated());
        assertThat(created.get("meetingUrl")).isEqualTo("https://meeting.example.cn/j/123456");
        post(orgAdminA, "/activities", with(online, "meetingUrl", "javascript:alert(1)")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("meetingUrl");
        post(orgAdminA, "/activities", with(online, "hostOrgId", branchB.id())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("hostOrgId");
        // the committee's admin manages the subtree, the sibling branch's admin does not see A's activity at all
        put(Tokens.orgAdmin(world.alliance, tenant, committee.id()), "/activities/{id}",
                edit(created, "title", "线上学习（党委调整）"), created.get("id")).expectStatus().isOk();
        get(Tokens.orgAdmin(world.alliance, tenant, branchB.id()), "/activities/{id}", created.get("id")).expectStatus().isNotFound();
    }
}
