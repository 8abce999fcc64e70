package cn.lianmeng.org.organisation;

import static cn.lianmeng.org.organisation.OfficerRole.COMMITTEE_MEMBER;
import static cn.lianmeng.org.organisation.OfficerRole.DEPUTY_SECRETARY;
import static cn.lianmeng.org.organisation.OfficerRole.SECRETARY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommitteeRuleTest {

    private static List<String> codes(OrganisationKind kind, int full, OfficerRole... officers) {
        return CommitteeRule.check(kind, full, List.of(officers)).stream().map(CommitteeRule.Finding::code).toList();
    }

    @Test
    void belowSevenFullMembersASecretaryAndAnOptionalDeputySuffice() {
        assertThat(codes(OrganisationKind.BRANCH, 6, SECRETARY)).isEmpty();
        assertThat(codes(OrganisationKind.BRANCH, 6, SECRETARY, DEPUTY_SECRETARY)).isEmpty();
        assertThat(codes(OrganisationKind.BRANCH, 3, SECRETARY, COMMITTEE_MEMBER)).containsExactly("COMMITTEE_NOT_EXPECTED");
        assertThat(codes(OrganisationKind.BRANCH, 3, SECRETARY, DEPUTY_SECRETARY, DEPUTY_SECRETARY)).containsExactly("TOO_MANY_DEPUTIES");
        assertThat(codes(OrganisationKind.BRANCH, 2)).containsExactly("SECRETARY_MISSING");
    }

    @Test
    void fromSevenFullMembersACommitteeOfThreeToFiveAtMostSevenCountingSecretaryAndDeputies() {
        assertThat(codes(OrganisationKind.BRANCH, 7, SECRETARY)).containsExactly("COMMITTEE_TOO_SMALL");
        assertThat(codes(OrganisationKind.BRANCH, 7, SECRETARY, DEPUTY_SECRETARY)).containsExactly("COMMITTEE_TOO_SMALL");
        assertThat(codes(OrganisationKind.BRANCH, 7, SECRETARY, DEPUTY_SECRETARY, COMMITTEE_MEMBER)).isEmpty();
        assertThat(codes(OrganisationKind.JOINT_BRANCH, 20, SECRETARY, COMMITTEE_MEMBER, COMMITTEE_MEMBER, COMMITTEE_MEMBER, COMMITTEE_MEMBER)).isEmpty();
        assertThat(codes(OrganisationKind.BRANCH, 20, SECRETARY, COMMITTEE_MEMBER, COMMITTEE_MEMBER, COMMITTEE_MEMBER, COMMITTEE_MEMBER,
                COMMITTEE_MEMBER)).containsExactly("COMMITTEE_ABOVE_USUAL");
        assertThat(codes(OrganisationKind.BRANCH, 30, SECRETARY, DEPUTY_SECRETARY, COMMITTEE_MEMBER, COMMITTEE_MEMBER, COMMITTEE_MEMBER,
                COMMITTEE_MEMBER, COMMITTEE_MEMBER)).containsExactly("COMMITTEE_ABOVE_USUAL");
        assertThat(codes(OrganisationKind.BRANCH, 30, SECRETARY, DEPUTY_SECRETARY, COMMITTEE_MEMBER, COMMITTEE_MEMBER, COMMITTEE_MEMBER,
                COMMITTEE_MEMBER, COMMITTEE_MEMBER, COMMITTEE_MEMBER)).containsExactly("COMMITTEE_TOO_LARGE");
        // three committee members but no secretary: the size is right, the secretary is missing
        assertThat(codes(OrganisationKind.BRANCH, 9, COMMITTEE_MEMBER, COMMITTEE_MEMBER, COMMITTEE_MEMBER)).containsExactly("SECRETARY_MISSING");
    }

    @Test
    void theReasonNamesTheNumbers() {
        CommitteeRule.Finding f = CommitteeRule.check(OrganisationKind.BRANCH, 8, List.of(SECRETARY)).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).isEqualTo("正式党员 8 名（达到 7 名），应设立支部委员会，委员一般 3–5 名、最多不超过 7 名（含书记、副书记），现有 1 名");
    }

    @Test
    void committeesAndGeneralBranchesNeedASecretaryGroupsNothing() {
        assertThat(codes(OrganisationKind.COMMITTEE, 200)).containsExactly("SECRETARY_MISSING");
        assertThat(codes(OrganisationKind.GENERAL_BRANCH, 80, SECRETARY)).isEmpty();
        assertThat(CommitteeRule.check(OrganisationKind.GROUP, 12, Collections.emptyList())).isEmpty();
    }
}
