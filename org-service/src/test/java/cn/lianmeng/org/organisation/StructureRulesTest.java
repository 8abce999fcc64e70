package cn.lianmeng.org.organisation;

import static cn.lianmeng.org.organisation.OrganisationKind.BRANCH;
import static cn.lianmeng.org.organisation.OrganisationKind.COMMITTEE;
import static cn.lianmeng.org.organisation.OrganisationKind.GENERAL_BRANCH;
import static cn.lianmeng.org.organisation.OrganisationKind.GROUP;
import static cn.lianmeng.org.organisation.OrganisationKind.JOINT_BRANCH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import cn.lianmeng.platform.web.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StructureRulesTest {

    @ParameterizedTest(name = "{0} under {1}: {2}")
    @CsvSource({
            "COMMITTEE,,true", "COMMITTEE,COMMITTEE,true", "COMMITTEE,GENERAL_BRANCH,false", "COMMITTEE,BRANCH,false",
            "GENERAL_BRANCH,,true", "GENERAL_BRANCH,COMMITTEE,true", "GENERAL_BRANCH,GENERAL_BRANCH,false", "GENERAL_BRANCH,BRANCH,false",
            "BRANCH,,true", "BRANCH,COMMITTEE,true", "BRANCH,GENERAL_BRANCH,true", "BRANCH,BRANCH,false", "BRANCH,JOINT_BRANCH,false",
            "BRANCH,GROUP,false",
            "JOINT_BRANCH,,true", "JOINT_BRANCH,COMMITTEE,true", "JOINT_BRANCH,GENERAL_BRANCH,true", "JOINT_BRANCH,BRANCH,false",
            "GROUP,,false", "GROUP,BRANCH,true", "GROUP,JOINT_BRANCH,true", "GROUP,GENERAL_BRANCH,false", "GROUP,COMMITTEE,false",
            "GROUP,GROUP,false"})
    void placementFollowsTheKinds(OrganisationKind kind, OrganisationKind parent, boolean allowed) {
        assertThat(StructureRules.placementProblem(kind, parent).isEmpty()).isEqualTo(allowed);
    }

    @Test
    void placementProblemsSayWhereTheKindBelongs() {
        assertThat(StructureRules.placementProblem(GROUP, null)).hasValue("党小组不能作为顶级组织，须设在党支部、联合党支部之下");
        assertThat(StructureRules.placementProblem(BRANCH, GROUP).orElseThrow())
                .isEqualTo("党支部不能设在党小组之下，只能设在党委、党总支之下或作为顶级组织");
    }

    @Test
    void formationFollowsKindOwnerAndParent() {
        assertThat(StructureRules.formation(BRANCH, OwnerType.ENTERPRISE, null)).isEqualTo(Formation.SINGLE);
        assertThat(StructureRules.formation(JOINT_BRANCH, OwnerType.ENTERPRISE, null)).isEqualTo(Formation.JOINT);
        assertThat(StructureRules.formation(JOINT_BRANCH, OwnerType.PARK, Formation.AFFILIATED)).isEqualTo(Formation.JOINT);
        assertThat(StructureRules.formation(GROUP, OwnerType.ENTERPRISE, Formation.JOINT)).isEqualTo(Formation.JOINT);
        assertThat(StructureRules.formation(GROUP, OwnerType.ENTERPRISE, Formation.SINGLE)).isEqualTo(Formation.SINGLE);
        assertThat(StructureRules.formation(COMMITTEE, OwnerType.PARK, null)).isEqualTo(Formation.AFFILIATED);
        assertThat(StructureRules.formation(GENERAL_BRANCH, OwnerType.ALLIANCE, Formation.AFFILIATED)).isEqualTo(Formation.AFFILIATED);
    }

    @Test
    void aJointBranchCoversTwoToFiveEnterprisesIncludingItsLeader() {
        assertThat(StructureRules.coverageProblems(JOINT_BRANCH, Formation.JOINT, List.of("a", "b", "c", "d", "e"), "a")).isEmpty();
        List<FieldProblem> six = StructureRules.coverageProblems(JOINT_BRANCH, Formation.JOINT, List.of("a", "b", "c", "d", "e", "f"), "a");
        assertThat(six).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("coveredEnterpriseIds");
            assertThat(p.message()).contains("最多 5 家").contains("现为 6 家");
        });
        assertThat(StructureRules.coverageProblems(JOINT_BRANCH, Formation.JOINT, List.of("a"), "a"))
                .extracting(FieldProblem::message).containsExactly("联合党支部至少覆盖 2 家单位，现为 1 家");
        assertThat(StructureRules.coverageProblems(JOINT_BRANCH, Formation.JOINT, List.of("b", "c"), "a"))
                .extracting(FieldProblem::message).containsExactly("由企业牵头组建的联合党支部须覆盖牵头单位本身");
        assertThat(StructureRules.coverageProblems(JOINT_BRANCH, Formation.JOINT, List.of("b", "c", "b"), null))
                .extracting(FieldProblem::field).containsExactly("coveredEnterpriseIds[2]");
        // alliance- or park-owned joint branch: no leader to include
        assertThat(StructureRules.coverageProblems(JOINT_BRANCH, Formation.JOINT, List.of("b", "c"), null)).isEmpty();
    }

    @Test
    void singleOrganisationsCoverTheirOwnEnterpriseAndGroupsNothingOfTheirOwn() {
        assertThat(StructureRules.coverageProblems(BRANCH, Formation.SINGLE, null, "t")).isEmpty();
        assertThat(StructureRules.coverageProblems(BRANCH, Formation.SINGLE, List.of("t"), "t")).isEmpty();
        assertThat(StructureRules.coverageProblems(BRANCH, Formation.SINGLE, List.of("x"), "t")).extracting(FieldProblem::field)
                .containsExactly("coveredEnterpriseIds");
        assertThat(StructureRules.coverageProblems(GROUP, Formation.JOINT, List.of("x"), "t")).isNotEmpty();
        assertThat(StructureRules.coveredEnterprises(BRANCH, Formation.SINGLE, null, "t")).containsExactly("t");
        assertThat(StructureRules.coveredEnterprises(GROUP, Formation.JOINT, null, "t")).isEmpty();
        assertThat(StructureRules.coveredEnterprises(BRANCH, Formation.AFFILIATED, List.of("x", "y"), null)).containsExactly("x", "y");
        // affiliation has no upper limit
        assertThat(StructureRules.coverageProblems(BRANCH, Formation.AFFILIATED, List.of("1", "2", "3", "4", "5", "6", "7"), null)).isEmpty();
    }

    @Test
    void kindsParseFromIdentifiersAndChineseLabels() {
        assertThat(OrganisationKind.parse("联合党支部")).hasValue(JOINT_BRANCH);
        assertThat(OrganisationKind.parse("branch")).hasValue(BRANCH);
        assertThat(OrganisationKind.parse("CELL")).isEmpty();
    }
}
