package cn.lianmeng.org.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import cn.lianmeng.org.organisation.OrganisationWarnings.Officer;
import cn.lianmeng.org.organisation.OrganisationWarnings.OrgFacts;
import org.junit.jupiter.api.Test;

class OrganisationWarningsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final List<Officer> SECRETARY_ONLY = List.of(new Officer(OfficerRole.SECRETARY, "王芳", true));

    private static OrgFacts branch(int full, int probationary, List<Officer> officers, LocalDate termEnd) {
        return new OrgFacts("o1", "第一党支部", OrganisationKind.BRANCH, "t1", full, probationary, officers, termEnd);
    }

    private static List<String> codes(OrgFacts facts) {
        return OrganisationWarnings.forOrganisation(facts, TODAY).stream().map(Warning::code).toList();
    }

    @Test
    void aSmallBranchWithASecretaryAndACurrentTermHasNoWarnings() {
        assertThat(codes(branch(5, 1, SECRETARY_ONLY, LocalDate.of(2027, 1, 1)))).isEmpty();
    }

    @Test
    void branchSizeSuggestsAGeneralBranchAbove50AndACommitteeAbove100() {
        List<Officer> committee = List.of(new Officer(OfficerRole.SECRETARY, "甲", true), new Officer(OfficerRole.COMMITTEE_MEMBER, "乙", true),
                new Officer(OfficerRole.COMMITTEE_MEMBER, "丙", true));
        assertThat(codes(branch(45, 5, committee, LocalDate.of(2027, 1, 1)))).isEmpty();
        List<Warning> over50 = OrganisationWarnings.forOrganisation(branch(45, 6, committee, LocalDate.of(2027, 1, 1)), TODAY);
        assertThat(over50).extracting(Warning::code).containsExactly("BRANCH_OVER_50");
        assertThat(over50.get(0).message()).isEqualTo("党员 51 名，超过 50 名，可考虑成立党总支并分设党支部");
        assertThat(over50.get(0).orgId()).isEqualTo("o1");
        assertThat(codes(branch(95, 6, committee, LocalDate.of(2027, 1, 1)))).containsExactly("BRANCH_OVER_100");
        // a committee is not a branch: no size warning
        assertThat(codes(new OrgFacts("c", "党委", OrganisationKind.COMMITTEE, "t1", 300, 0, SECRETARY_ONLY, LocalDate.of(2028, 1, 1)))).isEmpty();
    }

    @Test
    void termsWarnWhenMissingDueWithinSixMonthsAndOverdue() {
        assertThat(codes(branch(3, 0, SECRETARY_ONLY, null))).containsExactly("TERM_MISSING");
        List<Warning> due = OrganisationWarnings.forOrganisation(branch(3, 0, SECRETARY_ONLY, LocalDate.of(2026, 5, 14)), TODAY);
        assertThat(due).extracting(Warning::code).containsExactly("TERM_DUE_SOON");
        assertThat(due.get(0).message()).isEqualTo("任期将于 2026-05-14 届满（还有 60 天），请做好换届准备");
        List<Warning> overdue = OrganisationWarnings.forOrganisation(branch(3, 0, SECRETARY_ONLY, LocalDate.of(2026, 3, 5)), TODAY);
        assertThat(overdue).extracting(Warning::code).containsExactly("TERM_OVERDUE");
        assertThat(overdue.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(overdue.get(0).message()).isEqualTo("任期已于 2026-03-05 届满，已超期 10 天未换届");
        // groups have no terms
        assertThat(codes(new OrgFacts("g", "第一党小组", OrganisationKind.GROUP, "t1", 3, 0, List.of(), null))).isEmpty();
    }

    @Test
    void anOfficerWhoLeftIsNamed() {
        List<Warning> w = OrganisationWarnings.forOrganisation(branch(4, 0, List.of(new Officer(OfficerRole.SECRETARY, "王芳", false)),
                LocalDate.of(2027, 1, 1)), TODAY);
        assertThat(w).extracting(Warning::code).containsExactly("OFFICER_NOT_ACTIVE_MEMBER");
        assertThat(w.get(0).message()).contains("书记“王芳”已不是本组织在册党员");
    }

    @Test
    void shouldEstablishFromThreeFullMembersWithoutAnOwnOrganisation() {
        assertThat(OrganisationWarnings.shouldEstablish("e1", "上海某科技有限公司", 2, null, false, null)).isEmpty();
        assertThat(OrganisationWarnings.shouldEstablish("e1", "上海某科技有限公司", 3, null, true, null)).isEmpty();
        Warning recorded = OrganisationWarnings.shouldEstablish("e1", "上海某科技有限公司", 3, 1, false, "“园区联合党支部”").orElseThrow();
        assertThat(recorded.code()).isEqualTo("SHOULD_ESTABLISH");
        assertThat(recorded.enterpriseId()).isEqualTo("e1");
        assertThat(recorded.orgId()).isNull();
        assertThat(recorded.message()).isEqualTo("“上海某科技有限公司”在册正式党员 3 名（达到 3 名），尚未单独建立党组织，应单独组建党支部（目前由“园区联合党支部”覆盖）");
        Warning declared = OrganisationWarnings.shouldEstablish("e2", "上海另一公司", 0, 4, false, null).orElseThrow();
        assertThat(declared.message()).startsWith("“上海另一公司”申报正式党员 4 名");
        assertThat(declared.details()).containsEntry("fullMembers", 4L);
    }

    @Test
    void listsPutTheMostSevereFirst() {
        List<Warning> w = OrganisationWarnings.forOrganisation(branch(9, 50, List.of(), LocalDate.of(2025, 1, 1)), TODAY).stream()
                .sorted(OrganisationWarnings.ORDER).toList();
        assertThat(w).extracting(Warning::severity).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(w.get(0).code()).isEqualTo("TERM_OVERDUE");
    }
}
