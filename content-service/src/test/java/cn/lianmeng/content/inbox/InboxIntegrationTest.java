package cn.lianmeng.content.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.content.config.TopicsConfiguration;
import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Events;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 站内消息: new items and activity facts reach the right members exactly once, even when events are redelivered. */
class InboxIntegrationTest extends ContentTestBase {

    @Autowired
    InboxListener listener;
    @Autowired
    Inbox inbox;

    World.Alliance alliance;
    String tenant;
    String branchA;
    String branchB;
    String memberA;
    String memberB;

    @BeforeEach
    void world() {
        alliance = world.alliance();
        tenant = alliance.enterprise("上海光明食品配送有限公司", null, null);
        String committee = alliance.org(tenant, "光明党委", "COMMITTEE", null, List.of());
        branchA = alliance.org(tenant, "配送党支部", "BRANCH", committee, List.of(committee));
        branchB = alliance.org(tenant, "机关党支部", "BRANCH", committee, List.of(committee));
        memberA = alliance.member(tenant, branchA, List.of(committee), "吴一");
        memberB = alliance.member(tenant, branchB, List.of(committee), "郑二");
    }

    private Map<String, Object> activity(String activityId, String startAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("activityId", activityId);
        body.put("allianceId", alliance.id);
        body.put("tenantId", tenant);
        body.put("title", "主题党日：学习二十届三中全会精神");
        body.put("startAt", startAt);
        body.put("hostOrgId", branchA);
        body.put("organisations", List.of(Map.of("orgId", branchA, "tenantId", tenant)));
        body.put("version", 1);
        return body;
    }

    @Test
    void aPublishedItemNotifiesItsAudienceThroughTheBroker() {
        String a = alliance.memberToken(memberA, tenant, branchA);
        String b = alliance.memberToken(memberB, tenant, branchB);
        String id = Publishing.publish(web, alliance.id, Publishing.item("NOTICE", "配送支部学习通知", Map.of("orgIds", List.of(branchA))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                get(a, "/api/content/inbox/unread-count").expectStatus().isOk().expectBody().jsonPath("$.unread").isEqualTo(1));
        get(a, "/api/content/inbox").expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].title").isEqualTo("新通知公告：配送支部学习通知")
                .jsonPath("$.content[0].linkType").isEqualTo("CONTENT_ITEM")
                .jsonPath("$.content[0].linkId").isEqualTo(id)
                .jsonPath("$.content[0].read").isEqualTo(false);
        get(b, "/api/content/inbox/unread-count").expectStatus().isOk().expectBody().jsonPath("$.unread").isEqualTo(0);
    }

    @Test
    void aRedeliveredActivityEventNeverMakesASecondMessage() {
        Events events = world.events();
        Map<String, Object> body = activity("act-1", "2026-12-01T14:30:00+08:00");
        body.put("reminder", "DAY_BEFORE");
        Events.Sent reminder = events.event(TopicsConfiguration.ACTIVITIES, "ActivityReminderDue", "act-1", alliance.id, tenant, body);
        listener.onActivity(Events.record(reminder));
        listener.onActivity(Events.record(reminder));
        events.publish(reminder); // and once more through the broker
        String a = alliance.memberToken(memberA, tenant, branchA);
        // a later event behind it on the same partition: once it has arrived, the redelivery was handled
        Events.Sent cancelled = events.publish(events.event(TopicsConfiguration.ACTIVITIES, "ActivityCancelled", "act-1", alliance.id, tenant,
                Map.of("activityId", "act-1", "allianceId", alliance.id, "title", "主题党日：学习二十届三中全会精神",
                        "reason", "场地调整", "audienceMemberIds", List.of(memberA), "version", 2)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                get(a, "/api/content/inbox/unread-count").expectStatus().isOk().expectBody().jsonPath("$.unread").isEqualTo(2));
        get(a, "/api/content/inbox").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2)
                .jsonPath("$.content[?(@.type=='ACTIVITY_REMINDER')].title").isEqualTo("活动提醒：主题党日：学习二十届三中全会精神")
                .jsonPath("$.content[?(@.type=='ACTIVITY_REMINDER')].text").isEqualTo("活动将于明天（12月1日 14:30）开始，请做好准备。")
                .jsonPath("$.content[?(@.type=='ACTIVITY_CANCELLED')].text").isEqualTo("该活动已取消：场地调整");
        // branch B was neither an organisation of the activity nor listed
        assertThat(inbox.count(alliance.id, memberB).block()).isZero();
        assertThat(cancelled.id()).isNotEqualTo(reminder.id());
    }

    @Test
    void membersMarkTheirOwnMessagesReadOnly() {
        Events events = world.events();
        Events.Sent changed = events.event(TopicsConfiguration.ACTIVITIES, "ActivityChanged", "act-2", alliance.id, tenant,
                activity("act-2", "2026-12-02T09:00:00Z"));
        listener.onActivity(Events.record(changed));
        String a = alliance.memberToken(memberA, tenant, branchA);
        String messageId = memberA + ":" + changed.id();
        get(a, "/api/content/inbox?unreadOnly=true").expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].id").isEqualTo(messageId)
                .jsonPath("$.content[0].text").isEqualTo("活动安排有变化，现定于 12月2日 17:00 开始。");
        post(alliance.memberToken(memberB, tenant, branchB), "/api/content/inbox/{id}/read", null, messageId).expectStatus().isNotFound();
        post(a, "/api/content/inbox/{id}/read", null, messageId).expectStatus().isOk().expectBody().jsonPath("$.read").isEqualTo(true);
        post(a, "/api/content/inbox/{id}/read", null, messageId).expectStatus().isOk();
        get(a, "/api/content/inbox/unread-count").expectStatus().isOk().expectBody().jsonPath("$.unread").isEqualTo(0);
        get(alliance.enterpriseAdmin(tenant), "/api/content/inbox/unread-count").expectStatus().isForbidden();
        get(null, "/api/content/inbox/unread-count").expectStatus().isUnauthorized();
    }

    @Test
    void activityServicesContractShapesReachTheirAudienceAndIgnoreNoise() {
        // docs/activity-contracts.md: audience {scope, orgIds}, audienceOrgIds, changedFields, cancelReason, reminder
        String a = alliance.memberToken(memberA, tenant, branchA);
        String b = alliance.memberToken(memberB, tenant, branchB);
        Map<String, Object> tenantWide = new HashMap<>(activity("act-3", "2026-12-03T01:00:00Z"));
        tenantWide.remove("organisations");
        tenantWide.put("audience", Map.of("scope", "TENANT", "orgIds", List.of()));
        tenantWide.put("audienceOrgIds", List.of());
        listener.onActivity(Events.record(world.events().event(TopicsConfiguration.ACTIVITIES, "ActivityScheduled", "act-3", alliance.id, tenant, tenantWide)));
        assertThat(inbox.count(alliance.id, memberA).block()).isEqualTo(1);
        assertThat(inbox.count(alliance.id, memberB).block()).isEqualTo(1);

        Map<String, Object> branchOnly = new HashMap<>(activity("act-4", "2026-12-04T01:00:00Z"));
        branchOnly.remove("organisations");
        branchOnly.put("audience", Map.of("scope", "ORGANISATIONS", "orgIds", List.of(branchB)));
        branchOnly.put("audienceOrgIds", List.of(branchB));
        branchOnly.put("changedFields", List.of("participants", "signUp"));
        listener.onActivity(Events.record(world.events().event(TopicsConfiguration.ACTIVITIES, "ActivityChanged", "act-4", alliance.id, tenant, branchOnly)));
        assertThat(inbox.count(alliance.id, memberB).block()).isEqualTo(1); // invitation answers are not news for members
        branchOnly.put("changedFields", List.of("startAt", "room"));
        listener.onActivity(Events.record(world.events().event(TopicsConfiguration.ACTIVITIES, "ActivityChanged", "act-4", alliance.id, tenant, branchOnly)));
        branchOnly.remove("changedFields");
        branchOnly.put("cancelReason", "与上级会议冲突");
        listener.onActivity(Events.record(world.events().event(TopicsConfiguration.ACTIVITIES, "ActivityCancelled", "act-4", alliance.id, tenant, branchOnly)));
        branchOnly.put("reminder", "HOUR_BEFORE");
        listener.onActivity(Events.record(world.events().event(TopicsConfiguration.ACTIVITIES, "ActivityReminderDue", "act-4", alliance.id, tenant, branchOnly)));
        listener.onActivity(Events.record(world.events().event(TopicsConfiguration.ACTIVITIES, "ActivityHeld", "act-4", alliance.id, tenant, branchOnly)));
        get(b, "/api/content/inbox?size=10").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(4)
                .jsonPath("$.content[?(@.type=='ACTIVITY_CANCELLED')].text").isEqualTo("该活动已取消：与上级会议冲突")
                .jsonPath("$.content[?(@.type=='ACTIVITY_REMINDER')].text").isEqualTo("活动将于一小时后（12月4日 09:00）开始，请做好准备。");
        get(a, "/api/content/inbox/unread-count").expectStatus().isOk().expectBody().jsonPath("$.unread").isEqualTo(1);
    }
}
