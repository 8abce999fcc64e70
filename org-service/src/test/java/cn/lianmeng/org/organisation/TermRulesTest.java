package cn.lianmeng.org.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class TermRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @Test
    void committeesServeFiveYearsBranchesAndGeneralBranchesThreeGroupsNone() {
        LocalDate start = LocalDate.of(2024, 6, 1);
        assertThat(TermRules.defaultEnd(OrganisationKind.COMMITTEE, start)).isEqualTo(LocalDate.of(2029, 6, 1));
        assertThat(TermRules.defaultEnd(OrganisationKind.GENERAL_BRANCH, start)).isEqualTo(LocalDate.of(2027, 6, 1));
        assertThat(TermRules.defaultEnd(OrganisationKind.BRANCH, start)).isEqualTo(LocalDate.of(2027, 6, 1));
        assertThat(TermRules.defaultEnd(OrganisationKind.JOINT_BRANCH, start)).isEqualTo(LocalDate.of(2027, 6, 1));
        assertThat(TermRules.hasTerms(OrganisationKind.GROUP)).isFalse();
        assertThatThrownBy(() -> TermRules.defaultEnd(OrganisationKind.GROUP, start)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remindSixMonthsBeforeTheEndOverdueAfterIt() {
        assertThat(TermRules.status(null, TODAY)).isEqualTo(TermRules.TermStatus.NONE);
        assertThat(TermRules.status(LocalDate.of(2026, 9, 16), TODAY)).isEqualTo(TermRules.TermStatus.CURRENT);
        assertThat(TermRules.status(LocalDate.of(2026, 9, 15), TODAY)).isEqualTo(TermRules.TermStatus.DUE_SOON);
        assertThat(TermRules.status(TODAY, TODAY)).isEqualTo(TermRules.TermStatus.DUE_SOON);
        assertThat(TermRules.status(TODAY.minusDays(1), TODAY)).isEqualTo(TermRules.TermStatus.OVERDUE);
    }
}
