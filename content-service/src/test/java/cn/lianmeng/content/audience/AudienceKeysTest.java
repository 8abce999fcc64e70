package cn.lianmeng.content.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AudienceKeysTest {

    private static AudienceKeys.MemberFacts member(List<String> roles, boolean active) {
        return new AudienceKeys.MemberFacts("a1", "t1", "t1", "o3", List.of("o1", "o2"), "p1", "b1", null, roles, active);
    }

    @Test
    void aMemberHoldsAllianceTenantOrganisationPathAndLocationKeys() {
        assertThat(AudienceKeys.forMember(member(List.of(), true)))
                .containsExactlyInAnyOrder("A:a1", "T:t1", "O:o3", "O:o1", "O:o2", "P:p1", "B:b1", "PUB:a1");
    }

    @Test
    void officersHoldEveryKeyAgainWithTheirRole() {
        List<String> keys = AudienceKeys.forMember(member(List.of("SECRETARY", "CHAIRMAN"), true));
        assertThat(keys).contains("A:a1#SECRETARY", "T:t1#SECRETARY", "O:o1#SECRETARY", "P:p1#SECRETARY")
                .noneMatch(k -> k.contains("CHAIRMAN"));
    }

    @Test
    void aMemberWhoLeftHoldsNothing() {
        assertThat(AudienceKeys.forMember(member(List.of(), false))).isEmpty();
    }

    @Test
    void anAudienceNarrowedToARoleReachesOnlyThatRole() {
        Audience secretaries = new Audience(true, null, null, null, null, List.of("SECRETARY"), false);
        List<String> item = AudienceKeys.forAudience("a1", secretaries);
        assertThat(item).containsExactly("A:a1#SECRETARY");
        assertThat(AudienceKeys.forMember(member(List.of(), true))).doesNotContainAnyElementsOf(item);
        assertThat(AudienceKeys.forMember(member(List.of("SECRETARY"), true))).containsAnyElementsOf(item);
    }

    @Test
    void audiencePartsAddUpAndPublicDisclosuresReachEveryone() {
        Audience a = new Audience(false, List.of("t9"), List.of("o2"), List.of("p1"), List.of("b7"), null, true);
        assertThat(AudienceKeys.forAudience("a1", a)).containsExactlyInAnyOrder("T:t9", "O:o2", "P:p1", "B:b7", "PUB:a1");
        // a member of o3 below o2 is reached through the organisation subtree
        assertThat(Set.copyOf(AudienceKeys.forMember(member(List.of(), true)))).contains("O:o2");
    }
}
