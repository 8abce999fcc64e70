package cn.lianmeng.activity.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.settings.Frequency;
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

    @Test
    void requiredMeetingsByKind() {
        assertThat(MeetingRequirements.of("BRANCH", 1)).containsExactly(ActivityType.BRANCH_ASSEMBLY, ActivityType.PARTY_LESSON,
                ActivityType.THEME_DAY, ActivityType.ORG_LIFE_MEETING, ActivityType.DEMOCRATIC_APPRAISAL);
        assertThat(MeetingRequirements.of("BRANCH", 3)).contains(ActivityType.BRANCH_COMMITTEE);
        assertThat(MeetingRequirements.of("GROUP", 0)).isEqualTo(List.of(ActivityType.GROUP_MEETING));
        assertThat(MeetingRequirements.of("COMMITTEE", 5)).containsExactly(ActivityType.BRANCH_COMMITTEE, ActivityType.ORG_LIFE_MEETING);
    }
}
