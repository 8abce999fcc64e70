package cn.lianmeng.activity.calendar;

import static cn.lianmeng.activity.support.Activities.SHANGHAI;
import static cn.lianmeng.activity.support.Activities.meeting;
import static cn.lianmeng.activity.support.Activities.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.activity.ActivityEvents;
import cn.lianmeng.activity.reminder.ReminderJob;
import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.Published;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** Calendar views, the member's iCalendar feed (secret URL, revocable) and the day/hour reminders. */
class CalendarAndRemindersTest extends ActivityTestBase {

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ReminderJob reminders;

    @Test
    @SuppressWarnings("unchecked")
    void aMultiDayActivityThatStartedBeforeTheWindowIsStillOnItsCalendar() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "长期活动党支部", "BRANCH");
        String admin = world.enterpriseAdmin(tenant);
        OffsetDateTime base = LocalDate.now(SHANGHAI).plusDays(40).atTime(9, 0).atZone(SHANGHAI).toOffsetDateTime();
        // six days and twenty hours, just under the seven-day maximum: it began well before the week of `base`
        post(admin, "/activities", with(meeting(branch.id(), "VOLUNTEER", 0), "title", "志愿服务周", "startAt", base.minusDays(6).minusHours(18).toString(),
                "endAt", base.plusHours(2).toString())).expectStatus().isCreated();
        Map<String, Object> day = body(get(admin, "/calendar/organisations/{o}?view=day&date={d}", branch.id(), base.toLocalDate().toString())
                .expectStatus().isOk());
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) day.get("entries")).get("content"))
                .extracting(e -> e.get("title")).containsExactly("志愿服务周");
        Map<String, Object> after = body(get(admin, "/calendar/organisations/{o}?view=day&date={d}", branch.id(), base.toLocalDate().plusDays(1).toString())
                .expectStatus().isOk());
        assertThat(((Map<String, Object>) after.get("entries")).get("totalElements")).isEqualTo(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void calendarsOfMemberOrganisationAndTenantAndThePrivateFeed() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "日历党支部", "BRANCH");
        World.Org other = world.org(tenant, "隔壁党支部", "BRANCH");
        String m = world.member(branch, "FULL");
        String admin = world.enterpriseAdmin(tenant);
        OffsetDateTime start = LocalDate.now(SHANGHAI).plusDays(2).atTime(19, 0).atZone(SHANGHAI).toOffsetDateTime();
        Map<String, Object> mine = with(meeting(branch.id(), "THEME_DAY", 0), "startAt", start.toString(), "endAt", start.plusHours(2).toString(),
                "title", "主题党日：参观红色教育基地, 交流");
        String id = body(post(admin, "/activities", mine).expectStatus().isCreated()).get("id").toString();
        post(admin, "/activities", with(mine, "hostOrgId", other.id(), "title", "隔壁的活动")).expectStatus().isCreated();
        post(admin, "/activities", with(mine, "publish", false, "title", "草稿不上日历")).expectStatus().isCreated();

        String date = start.toLocalDate().toString();
        Map<String, Object> memberDay = body(get(world.memberToken(branch, m), "/calendar/me?view=day&date={d}", date).expectStatus().isOk());
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) memberDay.get("entries")).get("content"))
                .extracting(e -> e.get("title")).containsExactly("主题党日：参观红色教育基地, 交流");
        assertThat(memberDay.get("view")).isEqualTo("DAY");
        Map<String, Object> orgWeek = body(get(admin, "/calendar/organisations/{o}?view=week&date={d}", branch.id(), date).expectStatus().isOk());
        assertThat(((Map<String, Object>) orgWeek.get("entries")).get("totalElements")).isEqualTo(1);
        Map<String, Object> tenantMonth = body(get(admin, "/calendar/tenants/{t}?view=month&date={d}", tenant, date).expectStatus().isOk());
        assertThat(((Map<String, Object>) tenantMonth.get("entries")).get("totalElements")).isEqualTo(2);
        get(world.enterpriseAdmin(World.tenant()), "/calendar/tenants/{t}?date={d}", tenant, date).expectStatus().isNotFound();
        get(admin, "/calendar/me?view=year").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("view");

        String member = world.memberToken(branch, m);
        String url = body(post(member, "/calendar/feed", null).expectStatus().isCreated()).get("url").toString();
        assertThat(url).startsWith("/api/activity/calendar/feeds/").endsWith(".ics");
        String ics = web.get().uri(url).exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/calendar")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(ics).contains("UID:" + id + "@lianmeng", "SUMMARY:主题党日：参观红色教育基地\\, 交流").doesNotContain("隔壁的活动");
        // rotating makes the old URL useless; revoking ends it
        String rotated = body(post(member, "/calendar/feed", null).expectStatus().isCreated()).get("url").toString();
        web.get().uri(url).exchange().expectStatus().isNotFound();
        web.get().uri(rotated).exchange().expectStatus().isOk();
        delete(member, "/calendar/feed").expectStatus().isNoContent();
        web.get().uri(rotated).exchange().expectStatus().isNotFound();
        delete(member, "/calendar/feed").expectStatus().isNotFound();
        post(admin, "/calendar/feed", null).expectStatus().isForbidden();
        web.get().uri("/api/activity/calendar/feeds/not-a-token.ics").exchange().expectStatus().isNotFound();
    }

    @Test
    void remindersGoOutOnceADayAndAnHourBefore() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "提醒党支部", "BRANCH");
        String admin = world.enterpriseAdmin(tenant);
        Map<String, Object> created = body(post(admin, "/activities", meeting(branch.id(), "PARTY_LESSON", 60 * 20)).expectStatus().isCreated());
        String id = created.get("id").toString();
        String soon = body(post(admin, "/activities", meeting(branch.id(), "STUDY", 30)).expectStatus().isCreated()).get("id").toString();

        reminders.sweep(clock.instant()).block();
        reminders.sweep(clock.instant()).block();
        clock.shift(Duration.ofHours(19).plusMinutes(5));
        reminders.sweep(clock.instant()).block();
        reminders.sweep(clock.instant()).block();
        try (Published published = new Published(broker, json, ActivityEvents.TOPIC)) {
            List<Published.Event> due = published.await(e -> id.equals(e.key()) && "ActivityReminderDue".equals(e.type()), 2);
            assertThat(due).extracting(e -> e.body().get("reminder")).containsExactly("DAY_BEFORE", "HOUR_BEFORE");
            assertThat(due.get(0).body()).containsEntry("hostOrgId", branch.id()).containsKey("audienceOrgIds");
            // created half an hour before its start: only the hour reminder
            assertThat(published.await(e -> soon.equals(e.key()) && "ActivityReminderDue".equals(e.type()), 1))
                    .extracting(e -> e.body().get("reminder")).containsExactly("HOUR_BEFORE");
        }
    }
}
