package cn.lianmeng.org.dormancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.lianmeng.org.dormancy.DormancyRules.Assessment;
import cn.lianmeng.org.dormancy.DormancyRules.HeldMeeting;
import cn.lianmeng.org.dormancy.DormancyRules.MeetingLine;
import cn.lianmeng.org.dormancy.DormancyRules.MemberAssessment;
import cn.lianmeng.org.dormancy.DormancyRules.MemberFacts;
import cn.lianmeng.org.dormancy.DormancyRules.OrgFacts;
import cn.lianmeng.org.dormancy.DormancyRules.Reason;
import cn.lianmeng.org.dormancy.DormancyRules.Status;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DormancyRulesTest {

    static final MeetingSettings DEFAULTS = MeetingSettings.DEFAULTS;
    /** Only the activity-based rules: no meetings required. */
    static final MeetingSettings NO_MEETINGS = DEFAULTS.with(java.util.Arrays.stream(MeetingType.values())
            .map(t -> new MeetingRule(t, Frequency.NONE, Set.of(), false)).toList());

    /** A builder of organisation facts: an active branch with a secretary, existing since 2020, active yesterday. */
    static final class Org {
        String kind = "BRANCH";
        boolean active = true;
        LocalDate existedSince = LocalDate.of(2020, 1, 1);
        LocalDate lastActivity;
        boolean secretary = true;
        LocalDate vacantSince;
        LocalDate termEnd;
        int fullMembers = 5;
        int committeeMembers;
        List<HeldMeeting> meetings = new ArrayList<>();

        Org kind(String k) {
            kind = k;
            return this;
        }

        Org last(LocalDate d) {
            lastActivity = d;
            return this;
        }

        Org existed(LocalDate d) {
            existedSince = d;
            return this;
        }

        Org noSecretarySince(LocalDate d) {
            secretary = false;
            vacantSince = d;
            return this;
        }

        Org termEnd(LocalDate d) {
            termEnd = d;
            return this;
        }

        Org members(int full, int committee) {
            fullMembers = full;
            committeeMembers = committee;
            return this;
        }

        Org held(MeetingType type, LocalDate on) {
            meetings.add(new HeldMeeting(type, on, true));
            return this;
        }

        Org heldWithoutQuorum(MeetingType type, LocalDate on) {
            meetings.add(new HeldMeeting(type, on, false));
            return this;
        }

        Org inactive() {
            active = false;
            return this;
        }

        OrgFacts facts() {
            return new OrgFacts(kind, active, existedSince, lastActivity, secretary, vacantSince, termEnd, fullMembers, committeeMembers, meetings);
        }
    }

    static Org org() {
        return new Org();
    }

    static List<String> codes(Assessment a) {
        return a.reasons().stream().map(Reason::code).toList();
    }

    static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    @Nested
    class Inactivity {

        LocalDate today = d(2026, 5, 20);

        @Test
        void noWarningUpTo29DaysWithoutActivity() {
            Assessment a = DormancyRules.assess(org().last(today.minusDays(29)).facts(), NO_MEETINGS, today);
            assertThat(a.level()).isEqualTo(WarningLevel.NONE);
            assertThat(a.reasons()).isEmpty();
        }

        @Test
        void yellowAt30Days() {
            Assessment a = DormancyRules.assess(org().last(today.minusDays(30)).facts(), NO_MEETINGS, today);
            assertThat(a.level()).isEqualTo(WarningLevel.YELLOW);
            assertThat(codes(a)).containsExactly("NO_ACTIVITY_30");
            assertThat(a.reasons().get(0).text()).isEqualTo("最近一次活动为 2026-04-20，已连续30天以上未开展活动");
            assertThat(a.reasons().get(0).since()).isEqualTo(today);
        }

        @Test
        void stillYellowAt89Days() {
            Assessment a = DormancyRules.assess(org().last(today.minusDays(89)).facts(), NO_MEETINGS, today);
            assertThat(a.level()).isEqualTo(WarningLevel.YELLOW);
        }

        @Test
        void redAt90DaysReplacingTheYellowReason() {
            Assessment a = DormancyRules.assess(org().last(today.minusDays(90)).facts(), NO_MEETINGS, today);
            assertThat(a.level()).isEqualTo(WarningLevel.RED);
            assertThat(codes(a)).containsExactly("NO_ACTIVITY_90");
        }

        @Test
        void anOrganisationThatNeverHeldAnActivityIsMeasuredFromWhenItExisted() {
            OrgFacts young = org().existed(today.minusDays(29)).facts();
            assertThat(DormancyRules.assess(young, NO_MEETINGS, today).level()).isEqualTo(WarningLevel.NONE);
            Assessment a = DormancyRules.assess(org().existed(today.minusDays(30)).facts(), NO_MEETINGS, today);
            assertThat(a.level()).isEqualTo(WarningLevel.YELLOW);
            assertThat(a.reasons().get(0).text()).isEqualTo("自 2026-04-20 建立以来尚未开展活动，已满30天");
        }

        @Test
        void anActivityClearsTheWarning() {
            assertThat(DormancyRules.assess(org().last(today.minusDays(120)).facts(), NO_MEETINGS, today).level()).isEqualTo(WarningLevel.RED);
            assertThat(DormancyRules.assess(org().last(today).facts(), NO_MEETINGS, today).level()).isEqualTo(WarningLevel.NONE);
        }

        @Test
        void aDissolvedOrganisationHasNoWarning() {
            Assessment a = DormancyRules.assess(org().last(today.minusDays(400)).noSecretarySince(d(2020, 1, 1)).inactive().facts(), DEFAULTS, today);
            assertThat(a.level()).isEqualTo(WarningLevel.NONE);
            assertThat(a.reasons()).isEmpty();
        }
    }

    @Nested
    class Secretary {

        LocalDate vacant = d(2026, 1, 31);

        @Test
        void vacantForExactlyThreeMonthsIsNotYetRed() {
            // 2026-01-31 + 3 months = 2026-04-30 (end of month clamps)
            Assessment a = DormancyRules.assess(org().last(d(2026, 4, 29)).noSecretarySince(vacant).facts(), NO_MEETINGS, d(2026, 4, 30));
            assertThat(a.level()).isEqualTo(WarningLevel.NONE);
        }

        @Test
        void vacantForMoreThanThreeMonthsIsRed() {
            Assessment a = DormancyRules.assess(org().last(d(2026, 4, 29)).noSecretarySince(vacant).facts(), NO_MEETINGS, d(2026, 5, 1));
            assertThat(a.level()).isEqualTo(WarningLevel.RED);
            assertThat(codes(a)).containsExactly("SECRETARY_VACANT");
            assertThat(a.reasons().get(0).text()).isEqualTo("书记自 2026-01-31 起空缺，已超过3个月");
            assertThat(a.reasons().get(0).since()).isEqualTo(d(2026, 5, 1));
        }

        @Test
        void neverHadASecretaryIsMeasuredFromWhenItExisted() {
            Org o = org().existed(d(2026, 1, 10)).last(d(2026, 4, 15)).noSecretarySince(null);
            assertThat(DormancyRules.assess(o.facts(), NO_MEETINGS, d(2026, 4, 10)).level()).isEqualTo(WarningLevel.NONE);
            assertThat(codes(DormancyRules.assess(o.facts(), NO_MEETINGS, d(2026, 4, 11)))).containsExactly("SECRETARY_VACANT");
        }

        @Test
        void aNewSecretaryClearsIt() {
            Assessment a = DormancyRules.assess(org().last(d(2026, 6, 1)).facts(), NO_MEETINGS, d(2026, 6, 2));
            assertThat(a.level()).isEqualTo(WarningLevel.NONE);
        }

        @Test
        void partyGroupsHaveNoSecretaryRule() {
            Assessment a = DormancyRules.assess(org().kind("GROUP").last(d(2026, 6, 1)).noSecretarySince(d(2025, 1, 1)).facts(),
                    NO_MEETINGS, d(2026, 6, 2));
            assertThat(a.level()).isEqualTo(WarningLevel.NONE);
        }
    }

    @Nested
    class Term {

        @Test
        void overdueTheDayAfterTheTermEnds() {
            Org o = org().last(d(2026, 3, 30)).termEnd(d(2026, 3, 31));
            assertThat(DormancyRules.assess(o.facts(), NO_MEETINGS, d(2026, 3, 31)).level()).isEqualTo(WarningLevel.NONE);
            Assessment a = DormancyRules.assess(o.facts(), NO_MEETINGS, d(2026, 4, 1));
            assertThat(a.level()).isEqualTo(WarningLevel.ORANGE);
            assertThat(codes(a)).containsExactly("TERM_OVERDUE");
            assertThat(a.reasons().get(0).text()).isEqualTo("任期已于 2026-03-31 届满，尚未换届");
        }

        @Test
        void aRenewedTermClearsIt() {
            Org o = org().last(d(2026, 4, 1)).termEnd(d(2029, 3, 31));
            assertThat(DormancyRules.assess(o.facts(), NO_MEETINGS, d(2026, 4, 2)).level()).isEqualTo(WarningLevel.NONE);
        }
    }

    @Nested
    class Meetings {

        /** A branch that held every required meeting of 2025 and Q1/March 2026 except the one under test. */
        Org compliantExcept(MeetingType missing) {
            Org o = org().last(d(2026, 3, 31)).members(9, 2);
            for (int month = 1; month <= 12; month++) {
                for (MeetingType t : List.of(MeetingType.THEME_DAY, MeetingType.BRANCH_COMMITTEE)) {
                    if (t != missing) {
                        o.held(t, d(2025, month, 10));
                        if (month <= 3) {
                            o.held(t, d(2026, month, 10));
                        }
                    }
                }
            }
            for (int q = 0; q < 4; q++) {
                for (MeetingType t : List.of(MeetingType.BRANCH_ASSEMBLY, MeetingType.PARTY_LESSON)) {
                    if (t != missing) {
                        o.held(t, d(2025, q * 3 + 1, 20));
                        if (q == 0) {
                            o.held(t, d(2026, 2, 20));
                        }
                    }
                }
            }
            for (MeetingType t : List.of(MeetingType.ORG_LIFE_MEETING, MeetingType.DEMOCRATIC_APPRAISAL)) {
                if (t != missing) {
                    o.held(t, d(2025, 12, 15));
                }
            }
            return o;
        }

        @Test
        void aFullyCompliantBranchHasNoWarning() {
            Assessment a = DormancyRules.assess(compliantExcept(null).facts(), DEFAULTS, d(2026, 4, 1));
            assertThat(a.reasons()).isEmpty();
            assertThat(a.level()).isEqualTo(WarningLevel.NONE);
        }

        @Test
        void aMonthlyMeetingMissedLastMonthIsOrangeOnTheFirstDayOfTheNextMonth() {
            Org o = compliantExcept(null);
            o.meetings.removeIf(m -> m.type() == MeetingType.THEME_DAY && m.heldOn().equals(d(2026, 3, 10)));
            assertThat(DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 3, 31)).level())
                    .as("March is not over on 31 March").isEqualTo(WarningLevel.NONE);
            Assessment a = DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 1));
            assertThat(a.level()).isEqualTo(WarningLevel.ORANGE);
            assertThat(codes(a)).containsExactly("MEETING_MISSED:THEME_DAY:2026-03");
            assertThat(a.reasons().get(0).text()).isEqualTo("2026年3月未召开主题党日（应每月召开），补开后自动解除");
            assertThat(a.reasons().get(0).since()).isEqualTo(d(2026, 4, 1));
        }

        @Test
        void aMeetingOnTheLastDayOfThePeriodCounts() {
            Org o = compliantExcept(null);
            o.meetings.removeIf(m -> m.type() == MeetingType.THEME_DAY && m.heldOn().equals(d(2026, 3, 10)));
            o.held(MeetingType.THEME_DAY, d(2026, 3, 31));
            assertThat(DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 1)).reasons()).isEmpty();
        }

        @Test
        void holdingTheMissedMeetingAfterThePeriodClearsIt() {
            Org o = compliantExcept(null);
            o.meetings.removeIf(m -> m.type() == MeetingType.THEME_DAY && m.heldOn().equals(d(2026, 3, 10)));
            o.held(MeetingType.THEME_DAY, d(2026, 4, 3));
            Assessment a = DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 3));
            assertThat(a.reasons()).isEmpty();
            assertThat(DormancyRules.previous(o.facts(), DEFAULTS, d(2026, 4, 3)))
                    .filteredOn(l -> l.type() == MeetingType.THEME_DAY).extracting(MeetingLine::status).containsExactly(Status.MADE_UP);
        }

        @Test
        void aQuarterlyMeetingIsJudgedWhenTheQuarterEnds() {
            Org o = compliantExcept(MeetingType.PARTY_LESSON);
            assertThat(codes(DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 3, 31)))).containsExactly("MEETING_MISSED:PARTY_LESSON:2025-Q4");
            Assessment a = DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 1));
            assertThat(codes(a)).containsExactly("MEETING_MISSED:PARTY_LESSON:2026-Q1");
            assertThat(a.reasons().get(0).text()).startsWith("2026年第一季度未召开党课");
        }

        @Test
        void aYearlyMeetingIsJudgedOnNewYearsDayAndClearedWhenHeldInJanuary() {
            Org o = compliantExcept(MeetingType.ORG_LIFE_MEETING).last(d(2025, 12, 31));
            o.meetings.removeIf(m -> m.heldOn().getYear() == 2026);
            assertThat(DormancyRules.assess(o.facts(), DEFAULTS, d(2025, 12, 31)).reasons()).extracting(Reason::code)
                    .doesNotContain("MEETING_MISSED:ORG_LIFE_MEETING:2025");
            Assessment a = DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 1, 1));
            assertThat(codes(a)).containsExactly("MEETING_MISSED:ORG_LIFE_MEETING:2025");
            assertThat(a.reasons().get(0).text()).isEqualTo("2025年度未召开组织生活会（应每年召开），补开后自动解除");
            o.held(MeetingType.ORG_LIFE_MEETING, d(2026, 1, 12));
            assertThat(codes(DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 1, 12)))).isEmpty();
        }

        @Test
        void aBranchAssemblyWithoutQuorumDoesNotCount() {
            Org o = compliantExcept(MeetingType.BRANCH_ASSEMBLY);
            o.heldWithoutQuorum(MeetingType.BRANCH_ASSEMBLY, d(2025, 11, 5));
            o.held(MeetingType.BRANCH_ASSEMBLY, d(2026, 1, 8));
            Assessment a = DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 1, 2));
            assertThat(codes(a)).containsExactly("MEETING_MISSED:BRANCH_ASSEMBLY:2025-Q4");
            assertThat(a.reasons().get(0).text()).startsWith("2025年第四季度召开的支部党员大会均未达到正式党员过半数到会，不计为有效会议");
            // a valid assembly after the quarter makes it up
            assertThat(DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 1, 8)).reasons()).isEmpty();
        }

        @Test
        void aMeetingAfterTodayDoesNotCountYet() {
            Org o = compliantExcept(null);
            o.meetings.removeIf(m -> m.type() == MeetingType.THEME_DAY && m.heldOn().equals(d(2026, 3, 10)));
            o.held(MeetingType.THEME_DAY, d(2026, 4, 20));
            assertThat(codes(DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 2)))).containsExactly("MEETING_MISSED:THEME_DAY:2026-03");
        }

        @Test
        void aPeriodCountsOnlyWhenTheOrganisationExistedForAllOfIt() {
            Org o = org().existed(d(2026, 3, 2)).last(d(2026, 4, 1)).members(3, 0);
            Assessment a = DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 2));
            assertThat(a.reasons()).isEmpty();
            assertThat(DormancyRules.previous(o.facts(), DEFAULTS, d(2026, 4, 2))).extracting(MeetingLine::status).containsOnly(Status.NOT_REQUIRED);
            Org existedOnFirst = org().existed(d(2026, 3, 1)).last(d(2026, 4, 1)).members(3, 0);
            assertThat(codes(DormancyRules.assess(existedOnFirst.facts(), DEFAULTS, d(2026, 4, 2)))).containsExactly("MEETING_MISSED:THEME_DAY:2026-03");
        }

        @Test
        void theBranchCommitteeMeetingIsRequiredOnlyOfBranchesWithACommittee() {
            Org small = org().existed(d(2026, 3, 1)).last(d(2026, 4, 1)).members(6, 0);
            small.held(MeetingType.THEME_DAY, d(2026, 3, 5));
            assertThat(DormancyRules.assess(small.facts(), DEFAULTS, d(2026, 4, 2)).reasons()).isEmpty();
            assertThat(DormancyRules.assess(small.facts(), DEFAULTS, d(2026, 4, 2)).hasCommittee()).isFalse();

            small.members(7, 0);
            assertThat(codes(DormancyRules.assess(small.facts(), DEFAULTS, d(2026, 4, 2)))).containsExactly("MEETING_MISSED:BRANCH_COMMITTEE:2026-03");
            small.members(4, 1);
            assertThat(codes(DormancyRules.assess(small.facts(), DEFAULTS, d(2026, 4, 2)))).containsExactly("MEETING_MISSED:BRANCH_COMMITTEE:2026-03");
            assertThat(DormancyRules.hasCommittee("GENERAL_BRANCH", 0, 0)).isTrue();
        }

        @Test
        void partyGroupsOwePartyGroupMeetingsOnly() {
            Org group = org().kind("GROUP").existed(d(2026, 3, 1)).last(d(2026, 4, 1)).noSecretarySince(null);
            assertThat(codes(DormancyRules.assess(group.facts(), DEFAULTS, d(2026, 4, 2)))).containsExactly("MEETING_MISSED:GROUP_MEETING:2026-03");
            group.held(MeetingType.GROUP_MEETING, d(2026, 3, 12));
            assertThat(DormancyRules.assess(group.facts(), DEFAULTS, d(2026, 4, 2)).reasons()).isEmpty();
        }

        @Test
        void committeesAndGeneralBranchesOweNoBranchMeetingsByDefault() {
            for (String kind : List.of("COMMITTEE", "GENERAL_BRANCH")) {
                Org o = org().kind(kind).existed(d(2025, 1, 1)).last(d(2026, 4, 1));
                assertThat(DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 2)).reasons()).as(kind).isEmpty();
            }
        }

        @Test
        void theAlliancesFrequenciesApply() {
            Org o = org().existed(d(2025, 1, 1)).last(d(2026, 4, 1)).members(3, 0);
            MeetingSettings quarterlyThemeDayOnly = NO_MEETINGS.with(List.of(
                    new MeetingRule(MeetingType.THEME_DAY, Frequency.QUARTERLY, Set.of("BRANCH"), false)));
            o.held(MeetingType.THEME_DAY, d(2026, 1, 15));
            assertThat(DormancyRules.assess(o.facts(), quarterlyThemeDayOnly, d(2026, 4, 2)).reasons()).isEmpty();
            assertThat(DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 2)).reasons()).extracting(Reason::code)
                    .contains("MEETING_MISSED:THEME_DAY:2026-03");
            MeetingSettings joint = NO_MEETINGS.with(List.of(new MeetingRule(MeetingType.THEME_DAY, Frequency.MONTHLY, Set.of("JOINT_BRANCH"), false)));
            assertThat(DormancyRules.assess(o.facts(), joint, d(2026, 4, 2)).reasons()).as("not a joint branch").isEmpty();
        }

        @Test
        void currentPeriodsShowHeldAndDue() {
            Org o = compliantExcept(null);
            o.held(MeetingType.THEME_DAY, d(2026, 4, 8));
            List<MeetingLine> current = DormancyRules.current(o.facts(), DEFAULTS, d(2026, 4, 9));
            assertThat(current).filteredOn(l -> l.type() == MeetingType.THEME_DAY).singleElement()
                    .satisfies(l -> {
                        assertThat(l.status()).isEqualTo(Status.HELD);
                        assertThat(l.held()).isEqualTo(1);
                        assertThat(l.period().key()).isEqualTo("2026-04");
                    });
            assertThat(current).filteredOn(l -> l.type() == MeetingType.BRANCH_ASSEMBLY).singleElement()
                    .satisfies(l -> {
                        assertThat(l.status()).isEqualTo(Status.DUE);
                        assertThat(l.period().key()).isEqualTo("2026-Q2");
                    });
            assertThat(current).filteredOn(l -> l.type() == MeetingType.ORG_LIFE_MEETING).singleElement()
                    .satisfies(l -> assertThat(l.period().label()).isEqualTo("2026年度"));
        }
    }

    @Test
    void theHighestLevelWinsAndEveryReasonIsListed() {
        Org o = org().existed(d(2024, 1, 1)).last(d(2026, 3, 15)).noSecretarySince(d(2025, 10, 1)).termEnd(d(2026, 1, 31)).members(3, 0);
        Assessment a = DormancyRules.assess(o.facts(), DEFAULTS, d(2026, 4, 20));
        assertThat(a.level()).isEqualTo(WarningLevel.RED);
        assertThat(a.reasons()).extracting(Reason::level).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(codes(a)).containsExactly("SECRETARY_VACANT", "MEETING_MISSED:BRANCH_ASSEMBLY:2026-Q1",
                "MEETING_MISSED:DEMOCRATIC_APPRAISAL:2025", "MEETING_MISSED:ORG_LIFE_MEETING:2025",
                "MEETING_MISSED:PARTY_LESSON:2026-Q1", "MEETING_MISSED:THEME_DAY:2026-03", "TERM_OVERDUE", "NO_ACTIVITY_30");
    }

    @Nested
    class Periods {

        @Test
        void monthsQuartersAndYearsWithTheirNeighbours() {
            Period march = Period.containing(Frequency.MONTHLY, d(2026, 3, 31));
            assertThat(march.start()).isEqualTo(d(2026, 3, 1));
            assertThat(march.end()).isEqualTo(d(2026, 4, 1));
            assertThat(march.lastDay()).isEqualTo(d(2026, 3, 31));
            assertThat(march.key()).isEqualTo("2026-03");
            assertThat(march.label()).isEqualTo("2026年3月");
            assertThat(Period.containing(Frequency.MONTHLY, d(2026, 1, 1)).previous().key()).isEqualTo("2025-12");

            Period q1 = Period.containing(Frequency.QUARTERLY, d(2026, 3, 31));
            assertThat(q1.key()).isEqualTo("2026-Q1");
            assertThat(q1.label()).isEqualTo("2026年第一季度");
            assertThat(q1.contains(d(2026, 4, 1))).isFalse();
            assertThat(Period.containing(Frequency.QUARTERLY, d(2026, 4, 1)).key()).isEqualTo("2026-Q2");
            assertThat(Period.containing(Frequency.QUARTERLY, d(2026, 12, 31)).label()).isEqualTo("2026年第四季度");
            assertThat(q1.previous().key()).isEqualTo("2025-Q4");

            Period year = Period.containing(Frequency.YEARLY, d(2026, 12, 31));
            assertThat(year.key()).isEqualTo("2026");
            assertThat(year.end()).isEqualTo(d(2027, 1, 1));
            assertThat(year.previous().label()).isEqualTo("2025年度");
            assertThatThrownBy(() -> Period.containing(Frequency.NONE, d(2026, 1, 1))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void daysAreCountedInShanghai() {
            // 16:00 UTC on 31 March is midnight on 1 April in Asia/Shanghai: a meeting then belongs to April and Q2
            assertThat(DormancyRules.date(Instant.parse("2026-03-31T15:59:59Z"))).isEqualTo(d(2026, 3, 31));
            assertThat(DormancyRules.date(Instant.parse("2026-03-31T16:00:00Z"))).isEqualTo(d(2026, 4, 1));
            assertThat(DormancyRules.date(Instant.parse("2025-12-31T16:30:00Z"))).isEqualTo(d(2026, 1, 1));
            assertThat(EventFields.parseInstant("2026-04-01T00:30:00+08:00")).isEqualTo(Instant.parse("2026-03-31T16:30:00Z"));
            assertThat(EventFields.parseInstant("2026-04-01T00:30:00")).isEqualTo(Instant.parse("2026-03-31T16:30:00Z"));
            assertThat(EventFields.parseInstant("2026-04-01")).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
            assertThat(EventFields.parseInstant("not a time")).isNull();
        }
    }

    @Nested
    class Members {

        @Test
        void noOrganisationalLifeForSixMonths() {
            MemberFacts m = new MemberFacts(true, d(2020, 5, 1), d(2025, 10, 15));
            assertThat(DormancyRules.assessMember(m, d(2026, 4, 14)).warned()).isFalse();
            MemberAssessment a = DormancyRules.assessMember(m, d(2026, 4, 15));
            assertThat(a.warned()).isTrue();
            assertThat(a.text()).isEqualTo("最近一次参加组织生活为 2025-10-15，已满6个月未参加组织生活");
            assertThat(a.since()).isEqualTo(d(2026, 4, 15));
        }

        @Test
        void aNewMemberIsJudgedFromTheJoinDate() {
            MemberFacts m = new MemberFacts(true, d(2025, 11, 30), null);
            assertThat(DormancyRules.assessMember(m, d(2026, 5, 29)).warned()).isFalse();
            MemberAssessment a = DormancyRules.assessMember(m, d(2026, 5, 30));
            assertThat(a.warned()).isTrue();
            assertThat(a.text()).isEqualTo("自 2025-11-30 加入以来已满6个月未参加组织生活");
        }

        @Test
        void aJoinDateLaterThanTheLastAttendanceWins() {
            MemberFacts m = new MemberFacts(true, d(2026, 1, 10), d(2025, 3, 1));
            assertThat(DormancyRules.assessMember(m, d(2026, 4, 1)).warned()).isFalse();
            assertThat(DormancyRules.assessMember(m, d(2026, 7, 10)).text()).startsWith("自 2026-01-10 加入以来");
        }

        @Test
        void attendingClearsItAndLeftMembersAreNotWarned() {
            assertThat(DormancyRules.assessMember(new MemberFacts(true, d(2020, 1, 1), d(2026, 4, 1)), d(2026, 4, 2)).warned()).isFalse();
            assertThat(DormancyRules.assessMember(new MemberFacts(false, d(2020, 1, 1), null), d(2026, 4, 2)).warned()).isFalse();
        }
    }
}
