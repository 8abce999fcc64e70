package cn.lianmeng.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianmeng.activity.activity.ActivityType;
import org.junit.jupiter.api.Test;

class QuorumTest {

    @Test
    void moreThanHalfOfTheFullMembersIsAQuorum() {
        assertThat(Quorum.met(5, 3)).isTrue();
        assertThat(Quorum.met(6, 3)).isFalse();
        assertThat(Quorum.met(6, 4)).isTrue();
        assertThat(Quorum.met(1, 1)).isTrue();
        assertThat(Quorum.met(2, 1)).isFalse();
    }

    @Test
    void noFullMembersIsNeverAQuorum() {
        assertThat(Quorum.met(0, 0)).isFalse();
    }

    @Test
    void onlyABranchAssemblyHasAQuorumRule() {
        assertThat(Quorum.required(ActivityType.BRANCH_ASSEMBLY)).isTrue();
        assertThat(Quorum.met(ActivityType.BRANCH_ASSEMBLY, 10, 5)).isFalse();
        assertThat(Quorum.met(ActivityType.BRANCH_COMMITTEE, 10, 0)).isTrue();
        assertThat(Quorum.required(ActivityType.PARTY_LESSON)).isFalse();
    }
}
