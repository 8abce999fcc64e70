package cn.lianmeng.activity.compliance;

import static cn.lianmeng.activity.support.Activities.SHANGHAI;
import static cn.lianmeng.activity.support.Activities.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.Tokens;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;

/** Meeting compliance from the maintained tallies: held, due and missed per organisation and period. */
class ComplianceTest extends ActivityTestBase {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> report, String orgId) {
        Map<String, Object> page = (Map<String, Object>) report.get("organisations");
        return ((List<Map<String, Object>>) page.get("content")).stream().filter(r -> r.get("orgId").equals(orgId)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cell(Map<String, Object> row, String type) {
        Map<String, Object> meeting = ((List<Map<String, Object>>) row.get("meetings")).stream()
                .filter(m -> m.get("type").equals(type)).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) meeting.get("periods")).get(0);
    }

    @Test
    void heldDueAndMissedMeetingsPerOrganisation() {
        String tenant = World.tenant();
        World.Org active = world.org(tenant, "活跃党支部", "BRANCH");
        World.Org quiet = world.org(tenant, "沉寂党支部", "BRANCH");
        List<String> members = world.members(active, 3, 0);
        world.members(quiet, 2, 0);
        String admin = world.enterpriseAdmin(tenant);

        Map<String, Object> themeDay = body(post(admin, "/activities", meeting(active.id(), "THEME_DAY", 10)).expectStatus().isCreated());
        String month = YearMonth.from(OffsetDateTime.parse(themeDay.get("startAt").toString()).atZoneSameInstant(SHANGHAI)).toString();
        String assembly = body(post(admin, "/activities", meeting(active.id(), "BRANCH_ASSEMBLY", 10)).expectStatus().isCreated()).get("id").toString();
        String code = body(get(admin, "/activities/{id}/checkin-code", assembly).expectStatus().isOk()).get("code").toString();
        post(world.memberToken(active, members.get(0)), "/activities/{id}/checkin", Map.of("code", code), assembly).expectStatus().isOk();
        clock.shift(Duration.ofMinutes(15));
        post(admin, "/activities/{id}/hold", null, themeDay.get("id")).expectStatus().isOk();
        // one of three full members: held, but without a quorum it does not count
        post(admin, "/activities/{id}/hold", null, assembly).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Object> report = body(get(admin, "/compliance?period={p}", month).expectStatus().isOk());
            Map<String, Object> row = row(report, active.id());
            assertThat(cell(row, "THEME_DAY")).containsEntry("status", "HELD").containsEntry("held", 1);
            assertThat(cell(row, "BRANCH_ASSEMBLY")).containsEntry("held", 1).containsEntry("valid", 0);
            assertThat(cell(row, "BRANCH_ASSEMBLY").get("status")).isIn("DUE", "MISSED");
        });
        assertThat(cell(row(body(get(admin, "/compliance?period={p}", month).expectStatus().isOk()), quiet.id()), "THEME_DAY"))
                .containsEntry("status", "DUE");

        // two months later the month is over: the quiet branch missed its theme day
        clock.shift(Duration.ofDays(62));
        Map<String, Object> later = body(get(admin, "/compliance?period={p}", month).expectStatus().isOk());
        assertThat(row(later, quiet.id())).containsEntry("status", "MISSING");
        assertThat(cell(row(later, quiet.id()), "THEME_DAY")).containsEntry("status", "MISSED");
        assertThat(cell(row(later, active.id()), "THEME_DAY")).containsEntry("status", "HELD");
        Map<String, Object> missingOnly = body(get(admin, "/compliance?period={p}&status=MISSING", month).expectStatus().isOk());
        assertThat(((Map<?, ?>) missingOnly.get("organisations")).get("totalElements")).isEqualTo(2);
        assertThat(((Map<?, ?>) missingOnly.get("summary")).get("organisations")).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(Map<String, Object> report, String orgId) {
        return ((List<Map<String, Object>>) row(report, orgId).get("meetings")).stream().map(m -> m.get("type").toString()).toList();
    }

    @Test
    void theBranchCommitteeMeetingIsOwedByBranchesWithACommittee() {
        String tenant = World.tenant();
        // a committee member (委员) among the officers: the branch has a committee
        String withCommittee = "o-" + java.util.UUID.randomUUID();
        Map<String, Object> body = cn.lianmeng.activity.support.OrgEvents.organisation(withCommittee, world.alliance, tenant, "有支委会的支部",
                "BRANCH", null, List.of(), "ACTIVE", 1);
        body.put("officers", List.of(Map.of("memberId", "m-s", "name", "书记", "role", "SECRETARY"),
                Map.of("memberId", "m-c", "name", "委员", "role", "COMMITTEE_MEMBER")));
        events.apply(cn.lianmeng.activity.directory.OrgDirectory.ORGANISATION_TOPIC, "OrganisationCreated", withCommittee, world.alliance, tenant, body);
        // seven full members need a committee (DESIGN §3); three do not
        World.Org large = world.org(tenant, "七名正式党员的支部", "BRANCH");
        world.members(large, 7, 2);
        World.Org small = world.org(tenant, "三名正式党员的支部", "BRANCH");
        world.members(small, 3, 5);

        Map<String, Object> report = body(get(world.enterpriseAdmin(tenant), "/compliance?period=2026-Q4").expectStatus().isOk());
        assertThat(required(report, withCommittee)).contains("BRANCH_COMMITTEE", "BRANCH_ASSEMBLY");
        assertThat(required(report, large.id())).contains("BRANCH_COMMITTEE");
        assertThat(required(report, small.id())).as("probationary members do not count").doesNotContain("BRANCH_COMMITTEE")
                .contains("BRANCH_ASSEMBLY");
    }

    @Test
    void scopeAndBadInput() {
        String tenant = World.tenant();
        World.Org mine = world.org(tenant, "本单位支部", "BRANCH");
        World.Org theirs = world.org(World.tenant(), "他单位支部", "BRANCH");
        Map<String, Object> report = body(get(world.enterpriseAdmin(tenant), "/compliance?period=2026").expectStatus().isOk());
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) report.get("organisations")).get("content"))
                .extracting(r -> r.get("orgId")).containsExactly(mine.id());
        Map<String, Object> all = body(get(world.allianceAdmin(), "/compliance?period=2026-Q4").expectStatus().isOk());
        assertThat(((Map<?, ?>) all.get("summary")).get("organisations")).isEqualTo(2);
        assertThat(theirs.id()).isNotNull();
        get(world.enterpriseAdmin(tenant), "/compliance?period=2026-Q5").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("period");
        get(Tokens.member(world.alliance, tenant, "m-1"), "/compliance").expectStatus().isForbidden();
        get(Tokens.auditor(world.alliance), "/compliance").expectStatus().isForbidden();
    }
}
