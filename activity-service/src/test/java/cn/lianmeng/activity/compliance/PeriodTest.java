package cn.lianmeng.activity.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.settings.Frequency;
import cn.lianmeng.activity.settings.MeetingRule;
import cn.lianmeng.activity.settings.MeetingRules;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void periodsAndTheirMonths() {
        assertThat(Period.parse("2026-Q4").orElseThrow().months()).containsExactly("2026-10", "2026-11", "2026-12");
        assertThat(Period.parse("2026").orElseThrow().months()).hasSize(12);
        assertThat(Period.parse("2026-11").orElseThrow().months()).containsExactly("2026-11");
        assertThat(Period.parse("2026-13")).isEmpty();
        assertThat(Period.parse("2026-Q0")).isEmpty();
        assertThat(Period.parse("Q4")).isEmpty();
    }

    @Test
    void aPeriodSplitByAFrequency() {
        Period year = Period.parse("2026").orElseThrow();
        assertThat(year.split(Frequency.QUARTERLY)).extracting(Period::key).containsExactly("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4");
        assertThat(Period.parse("2026-11").orElseThrow().split(Frequency.YEARLY)).extracting(Period::key).containsExactly("2026");
        assertThat(Period.parse("2026-Q4").orElseThrow().split(Frequency.MONTHLY)).hasSize(3);
        assertThat(Period.parse("2026-Q3").orElseThrow().endedBefore(LocalDate.of(2026, 10, 1))).isTrue();
        assertThat(Period.parse("2026-Q4").orElseThrow().endedBefore(LocalDate.of(2026, 12, 31))).isFalse();
    }

    /** An organisation as the report reads it: officers with these roles (their documents' {@code officers.role}). */
    private static ComplianceOrg org(String kind, String... officerRoles) {
        List<org.bson.Document> officers = java.util.Arrays.stream(officerRoles).map(r -> new org.bson.Document("role", r)).toList();
        return ComplianceOrg.of(new org.bson.Document("_id", "o-1").append("name", "一支部").append("kind", kind).append("tenantId", "t-1")
                .append("officers", officers));
    }

    private static List<ActivityType> required(MeetingRules rules, ComplianceOrg org, int fullMembers) {
        return MeetingRequirements.of(rules, org.kind(), org.committeeMembers(), fullMembers).stream().map(MeetingRule::type).toList();
    }

    private static boolean needsFullMembers(MeetingRules rules, ComplianceOrg org) {
        return MeetingRequirements.needsFullMembers(rules, org.kind(), org.committeeMembers());
    }

    @Test
    void requiredMeetingsByKindAsOrgServiceDecidesThem() {
        MeetingRules defaults = MeetingRules.DEFAULTS;
        assertThat(required(defaults, org("BRANCH", "SECRETARY", "DEPUTY_SECRETARY"), 6)).containsExactly(ActivityType.BRANCH_ASSEMBLY,
                ActivityType.PARTY_LESSON, ActivityType.THEME_DAY, ActivityType.ORG_LIFE_MEETING, ActivityType.DEMOCRATIC_APPRAISAL);
        assertThat(required(defaults, org("BRANCH", "SECRETARY", "COMMITTEE_MEMBER"), 2)).as("a committee member means a committee")
                .contains(ActivityType.BRANCH_COMMITTEE);
        assertThat(required(defaults, org("JOINT_BRANCH"), 7)).as("7 full members need a committee").contains(ActivityType.BRANCH_COMMITTEE);
        assertThat(required(defaults, org("GROUP"), 0)).containsExactly(ActivityType.GROUP_MEETING);
        assertThat(required(defaults, org("COMMITTEE", "SECRETARY"), 40)).as("org-service's defaults require branch meetings of branches only")
                .isEmpty();
        assertThat(needsFullMembers(defaults, org("BRANCH", "SECRETARY"))).isTrue();
        assertThat(needsFullMembers(defaults, org("BRANCH", "COMMITTEE_MEMBER"))).isFalse();
        assertThat(needsFullMembers(defaults, org("GROUP"))).isFalse();

        MeetingRules changed = new MeetingRules(3, List.of(
                new MeetingRule(ActivityType.THEME_DAY, Frequency.QUARTERLY, Set.of("BRANCH", "COMMITTEE"), false),
                new MeetingRule(ActivityType.DEMOCRATIC_APPRAISAL, Frequency.NONE, Set.of(), false)), 5, null);
        assertThat(changed.rules()).as("always complete").hasSize(7);
        assertThat(changed.frequency(ActivityType.THEME_DAY)).isEqualTo(Frequency.QUARTERLY);
        assertThat(changed.frequency(ActivityType.VOLUNTEER)).isEqualTo(Frequency.NONE);
        assertThat(required(changed, org("COMMITTEE"), 0)).containsExactly(ActivityType.THEME_DAY);
        assertThat(required(changed, org("BRANCH"), 5)).as("threshold from the event").contains(ActivityType.BRANCH_COMMITTEE)
                .doesNotContain(ActivityType.DEMOCRATIC_APPRAISAL);
        assertThat(changed.frequencies()).containsEntry("THEME_DAY", "QUARTERLY").containsEntry("DEMOCRATIC_APPRAISAL", "NONE");
    }

    @Test
    void periodLabels() {
        assertThat(Period.parse("2026-Q4").orElseThrow().label()).isEqualTo("2026年第四季度");
        assertThat(Period.parse("2026-03").orElseThrow().label()).isEqualTo("2026年3月");
        assertThat(Period.parse("2026").orElseThrow().label()).isEqualTo("2026年度");
    }
}
