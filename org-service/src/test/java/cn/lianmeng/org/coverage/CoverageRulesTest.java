package cn.lianmeng.org.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.org.coverage.CoverageRules.Enterprise;
import cn.lianmeng.org.coverage.CoverageRules.Facts;
import cn.lianmeng.org.coverage.CoverageRules.Links;
import cn.lianmeng.org.coverage.CoverageRules.Settings;
import org.junit.jupiter.api.Test;

class CoverageRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");
    private static final Settings RULES = Settings.DEFAULT;

    private static Enterprise active(int staff) {
        return new Enterprise("ACTIVE", "OPERATING", staff, 0, null);
    }

    private static Facts facts(Enterprise e, Links l) {
        return CoverageRules.evaluate(e, l, NOW, RULES);
    }

    @Test
    void inScopeMeansActiveOperatingAndAtLeastTheMinimumStaff() {
        assertThat(facts(active(10), Links.NONE).inScope()).isTrue();
        assertThat(facts(active(9), Links.NONE).inScope()).isFalse();
        assertThat(facts(new Enterprise("ACTIVE", null, 10, null, null), Links.NONE).inScope()).as("no operating status: operating").isTrue();
        assertThat(facts(new Enterprise("ACTIVE", "SHELL", 100, 0, null), Links.NONE).inScope()).isFalse();
        assertThat(facts(new Enterprise("ACTIVE", "ZOMBIE", 100, 0, null), Links.NONE).inScope()).isFalse();
        assertThat(facts(new Enterprise("SUSPENDED", "OPERATING", 100, 0, null), Links.NONE).inScope()).isFalse();
        assertThat(facts(new Enterprise("LEFT", "OPERATING", 100, 0, null), Links.NONE).inScope()).isFalse();
        assertThat(facts(new Enterprise("LEFT", "OPERATING", 100, 0, null), Links.NONE).counters()).containsEntry("enterprises", 0);
        assertThat(facts(new Enterprise("SUSPENDED", "OPERATING", 100, 0, null), Links.NONE).counters()).containsEntry("enterprises", 1);
        assertThat(facts(new Enterprise("ACTIVE", "OPERATING", null, 0, null), Links.NONE).inScope()).isFalse();
        assertThat(CoverageRules.evaluate(active(5), Links.NONE, NOW, new Settings(5, Duration.ofDays(90))).inScope())
                .as("the minimum is configurable").isTrue();
    }

    @Test
    void ownOrganisationCountsForBothRatesJointOnlyForOrganisationCoverageAffiliationForNeither() {
        Facts own = facts(active(50), new Links(1, 0, 0, 0, null));
        assertThat(own.organisationCovered()).isTrue();
        assertThat(own.singleEstablished()).isTrue();
        assertThat(own.notCovered()).isFalse();

        Facts joint = facts(active(50), new Links(0, 1, 0, 0, null));
        assertThat(joint.organisationCovered()).isTrue();
        assertThat(joint.singleEstablished()).isFalse();

        Facts affiliated = facts(active(50), new Links(0, 0, 1, 0, null));
        assertThat(affiliated.affiliated()).isTrue();
        assertThat(affiliated.organisationCovered()).isFalse();
        assertThat(affiliated.notCovered()).isTrue();

        Facts outOfScope = facts(active(5), new Links(1, 0, 0, 0, null));
        assertThat(outOfScope.ownOrganisation()).as("the fact is kept").isTrue();
        assertThat(outOfScope.organisationCovered()).as("but it does not count").isFalse();
        assertThat(outOfScope.notCovered()).isFalse();
    }

    @Test
    void shouldEstablishFromTheLargerOfDeclaredAndCountedFullMembers() {
        assertThat(facts(new Enterprise("ACTIVE", "OPERATING", 50, 3, null), Links.NONE).shouldEstablish()).isTrue();
        assertThat(facts(new Enterprise("ACTIVE", "OPERATING", 50, 2, null), Links.NONE).shouldEstablish()).isFalse();
        Facts counted = facts(new Enterprise("ACTIVE", "OPERATING", 50, 1, null), new Links(0, 0, 0, 3, null));
        assertThat(counted.shouldEstablish()).isTrue();
        assertThat(counted.fullMembers()).isEqualTo(3);
        assertThat(counted.declaredFullMembers()).isEqualTo(1);
        assertThat(facts(new Enterprise("ACTIVE", "OPERATING", 50, 5, null), new Links(1, 0, 0, 0, null)).shouldEstablish())
                .as("has its own organisation").isFalse();
        assertThat(facts(new Enterprise("ACTIVE", "OPERATING", 50, 5, null), new Links(0, 1, 0, 0, null)).shouldEstablish())
                .as("a joint branch is not its own organisation").isTrue();
        assertThat(facts(new Enterprise("ACTIVE", "OPERATING", 5, 5, null), Links.NONE).shouldEstablish())
                .as("out of scope").isFalse();
    }

    @Test
    void workCoverageByInstructorOrAnActivityWithinTheWindow() {
        assertThat(facts(new Enterprise("ACTIVE", "OPERATING", 50, 0, "acct-1"), Links.NONE).workCoveredInScope()).isTrue();
        assertThat(facts(new Enterprise("ACTIVE", "OPERATING", 50, 0, " "), Links.NONE).workCovered()).isFalse();
        Facts recent = facts(active(50), new Links(0, 0, 0, 0, NOW.minus(Duration.ofDays(89))));
        assertThat(recent.workCovered()).isTrue();
        assertThat(recent.activityCoverageEndsAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(facts(active(50), new Links(0, 0, 0, 0, NOW.minus(Duration.ofDays(90)))).workCovered()).isFalse();
        assertThat(facts(active(50), new Links(0, 0, 0, 0, NOW.minus(Duration.ofDays(100)))).workCovered()).isFalse();
        assertThat(facts(active(5), new Links(0, 0, 0, 0, NOW)).workCoveredInScope()).as("out of scope").isFalse();
    }

    @Test
    void countersAreWhatTheTotalsHoldAndDeltasMoveThemBetweenScopes() {
        Facts f = facts(active(50), new Links(1, 0, 0, 0, null));
        Map<String, Integer> c = f.counters();
        assertThat(c).containsEntry("enterprises", 1).containsEntry("inScope", 1).containsEntry("organisationCovered", 1)
                .containsEntry("singleEstablished", 1).containsEntry("workCovered", 0).containsEntry("shouldEstablish", 0)
                .containsEntry("notCovered", 0);

        Set<String> park1 = CoverageRules.scopeKeys("a", "d", "s", "p1", null);
        Set<String> park2 = CoverageRules.scopeKeys("a", "d", "s", "p2", "b2");
        assertThat(park2).containsExactly("ALLIANCE:a", "DISTRICT:d", "STREET:s", "PARK:p2", "BUILDING:b2");

        // first appearance: +1 everywhere it counts
        assertThat(CoverageRules.delta(Set.of(), Map.of(), park1, c).get("PARK:p1")).containsEntry("inScope", 1);
        // unchanged: nothing to write
        assertThat(CoverageRules.delta(park1, c, park1, c)).isEmpty();
        // a move keeps the alliance, district and street and moves the counts between parks
        Map<String, Map<String, Integer>> move = CoverageRules.delta(park1, c, park2, c);
        assertThat(move.keySet()).containsExactlyInAnyOrder("PARK:p1", "PARK:p2", "BUILDING:b2");
        assertThat(move.get("PARK:p1")).containsEntry("enterprises", -1).containsEntry("inScope", -1);
        assertThat(move.get("BUILDING:b2")).containsEntry("singleEstablished", 1);
        // losing the organisation changes only those counters, in every scope
        Map<String, Integer> lost = facts(active(50), Links.NONE).counters();
        Map<String, Map<String, Integer>> dissolved = CoverageRules.delta(park1, c, park1, lost);
        assertThat(dissolved.get("ALLIANCE:a")).containsOnly(Map.entry("organisationCovered", -1), Map.entry("singleEstablished", -1),
                Map.entry("notCovered", 1));
        assertThat(new LinkedHashSet<>(dissolved.keySet())).containsExactlyElementsOf(park1);
    }

    @Test
    void reasonsExplainTheFactsInChinese() {
        Enterprise small = new Enterprise("ACTIVE", "OPERATING", 8, 4, null);
        List<String> reasons = CoverageRules.reasons(small, facts(small, Links.NONE), RULES);
        assertThat(reasons).contains("从业人员 8 人，少于 10 人，不纳入覆盖统计", "尚无党组织覆盖");
        Enterprise should = new Enterprise("ACTIVE", "OPERATING", 80, 4, null);
        assertThat(CoverageRules.reasons(should, facts(should, new Links(0, 0, 1, 0, null)), RULES))
                .contains("党员仅挂靠其他党组织，不计入组织覆盖", "正式党员 4 人（不少于 3 人）且未单独组建党组织：应建未建",
                        "无党建指导员且近 90 天无活动覆盖：工作未覆盖");
        Enterprise shell = new Enterprise("SUSPENDED", "SHELL", 80, 0, null);
        assertThat(CoverageRules.reasons(shell, facts(shell, Links.NONE), RULES))
                .contains("成员单位已暂停，不纳入覆盖统计", "经营状态为空壳企业，不纳入覆盖统计");
    }

    @Test
    void organisationRolesFollowTheContract() {
        assertThat(CoverageProjector.organisationRoles("e1", "BRANCH", "SINGLE", "ACTIVE", List.of("e1")))
                .containsExactly(Map.entry("e1", CoverageProjector.OWN));
        assertThat(CoverageProjector.organisationRoles("e1", "JOINT_BRANCH", "JOINT", "ACTIVE", List.of("e1", "e2")))
                .containsOnly(Map.entry("e1", CoverageProjector.JOINT), Map.entry("e2", CoverageProjector.JOINT));
        assertThat(CoverageProjector.organisationRoles(null, "BRANCH", "AFFILIATED", "ACTIVE", List.of("e3")))
                .containsExactly(Map.entry("e3", CoverageProjector.AFFILIATED));
        assertThat(CoverageProjector.organisationRoles("e1", "BRANCH", "SINGLE", "DISSOLVED", List.of("e1"))).isEmpty();
        assertThat(CoverageProjector.organisationRoles("e1", "GROUP", "JOINT", "ACTIVE", List.of("e1", "e2")))
                .as("a group inside a joint branch covers nobody by itself").isEmpty();
    }
}
