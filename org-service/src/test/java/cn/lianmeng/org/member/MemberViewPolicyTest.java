package cn.lianmeng.org.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import cn.lianmeng.org.member.MemberViewPolicy.Detail;
import cn.lianmeng.org.member.MemberViewPolicy.Visibility;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import org.junit.jupiter.api.Test;

class MemberViewPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final String ID = IdNumber.withCheck("31011519900307123");
    private final PersonalDataCipher cipher;
    private final MemberViewPolicy policy;
    private final Member member;

    MemberViewPolicyTest() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        cipher = new PersonalDataCipher(key);
        policy = new MemberViewPolicy(cipher, Period.ofMonths(6));
        member = member(EnumSet.of(MemberFlag.MOBILE), LocalDate.of(2026, 5, 1));
    }

    private Member member(Set<MemberFlag> flags, LocalDate mobileSince) {
        return new Member("m1", "a1", "t1", "t1", "branch", "第一党支部", List.of("committee", "general"), "张三", Gender.FEMALE, 1990,
                cipher.encrypt(Member.idNumberContext("m1"), ID), "13812345678", LocalDate.of(2015, 7, 1), MemberStatus.PROBATIONARY,
                LocalDate.of(2026, 7, 1), flags, mobileSince, List.of(new Member.OfficerRole("branch", "SECRETARY")), "acc1",
                "13812345678", Member.AccountState.ACTIVE, true, null, null, null, 3, Instant.EPOCH, Instant.EPOCH);
    }

    private static Caller caller(String alliance, String tenant, Set<String> orgs, String memberId, Role... roles) {
        return new Caller("acct", "user", "User", alliance, tenant, Set.of(roles), orgs, Set.of(), Set.of(), memberId, false);
    }

    @Test
    void whoSeesWhat() {
        assertThat(MemberViewPolicy.visibility(caller("a1", "t1", Set.of(), null, Role.ENTERPRISE_ADMIN), member, false))
                .isEqualTo(Visibility.REVEALABLE);
        assertThat(MemberViewPolicy.visibility(caller("a1", "t1", Set.of("general"), null, Role.ORG_ADMIN), member, false))
                .as("ORG_ADMIN of an ancestor").isEqualTo(Visibility.REVEALABLE);
        assertThat(MemberViewPolicy.visibility(caller("a1", "t1", Set.of("branch"), null, Role.ORG_ADMIN), member, false))
                .as("ORG_ADMIN of the organisation itself").isEqualTo(Visibility.REVEALABLE);
        assertThat(MemberViewPolicy.visibility(caller("a1", "t1", Set.of("other-branch"), null, Role.ORG_ADMIN), member, false))
                .as("ORG_ADMIN outside the subtree").isEqualTo(Visibility.HIDDEN);
        assertThat(MemberViewPolicy.visibility(caller("a1", "t2", Set.of("branch"), null, Role.ORG_ADMIN), member, false))
                .as("an orgs claim of another tenant does not count").isEqualTo(Visibility.HIDDEN);
        assertThat(MemberViewPolicy.visibility(caller("a1", "t1", Set.of(), "m1", Role.MEMBER), member, false))
                .as("the member themself").isEqualTo(Visibility.REVEALABLE);
        assertThat(MemberViewPolicy.visibility(caller("a1", "t1", Set.of(), "m2", Role.MEMBER), member, false))
                .as("another member").isEqualTo(Visibility.HIDDEN);
        assertThat(MemberViewPolicy.visibility(caller("a1", null, Set.of(), null, Role.ALLIANCE_ADMIN), member, false))
                .isEqualTo(Visibility.MASKED);
        assertThat(MemberViewPolicy.visibility(caller("a1", null, Set.of(), null, Role.DISTRICT_STAFF), member, true))
                .isEqualTo(Visibility.NAMES_ONLY);
        assertThat(MemberViewPolicy.visibility(caller("a1", null, Set.of(), null, Role.DISTRICT_STAFF), member, false))
                .as("staff outside their patch").isEqualTo(Visibility.HIDDEN);
        assertThat(MemberViewPolicy.visibility(caller("a1", "t2", Set.of(), null, Role.ENTERPRISE_ADMIN), member, false))
                .as("another tenant").isEqualTo(Visibility.HIDDEN);
        assertThat(MemberViewPolicy.visibility(caller("a2", "t1", Set.of(), null, Role.ENTERPRISE_ADMIN), member, false))
                .as("another alliance").isEqualTo(Visibility.HIDDEN);
        assertThat(MemberViewPolicy.visibility(caller("a2", null, Set.of(), null, Role.ALLIANCE_ADMIN), member, false))
                .isEqualTo(Visibility.HIDDEN);
        assertThat(MemberViewPolicy.visibility(caller("a1", null, Set.of(), null, Role.AUDITOR), member, false))
                .isEqualTo(Visibility.HIDDEN);
        assertThat(MemberViewPolicy.visibility(caller("a1", "t1", Set.of("other-branch"), "m1", Role.MEMBER, Role.ORG_ADMIN), member, false))
                .as("roles add up").isEqualTo(Visibility.REVEALABLE);
    }

    @Test
    void revealingNeedsTheRightAndHiddenIsNotFound() {
        assertThat(MemberViewPolicy.detail(Visibility.REVEALABLE, true)).isEqualTo(Detail.UNMASKED);
        assertThat(MemberViewPolicy.detail(Visibility.REVEALABLE, false)).isEqualTo(Detail.MASKED);
        assertThat(MemberViewPolicy.detail(Visibility.MASKED, false)).isEqualTo(Detail.MASKED);
        assertThat(MemberViewPolicy.detail(Visibility.NAMES_ONLY, false)).isEqualTo(Detail.NONE);
        assertThatThrownBy(() -> MemberViewPolicy.detail(Visibility.MASKED, true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> MemberViewPolicy.detail(Visibility.NAMES_ONLY, true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> MemberViewPolicy.detail(Visibility.HIDDEN, false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
    }

    @Test
    void unmaskedShowsEverything() {
        MemberView v = policy.view(member, Detail.UNMASKED, TODAY);
        assertThat(v.personalData()).isEqualTo("UNMASKED");
        assertThat(v.idNumber()).isEqualTo(ID);
        assertThat(v.phone()).isEqualTo("13812345678");
        assertThat(v.birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
        assertThat(v.username()).isEqualTo("13812345678");
    }

    @Test
    void maskedHidesTheMiddleAndTheBirthDayButKeepsTheRecord() {
        MemberView v = policy.view(member, Detail.MASKED, TODAY);
        assertThat(v.personalData()).isEqualTo("MASKED");
        assertThat(v.idNumber()).isEqualTo(ID.substring(0, 4) + "**********" + ID.substring(14));
        assertThat(v.phone()).isEqualTo("138****5678");
        assertThat(v.username()).as("a phone used as login is masked too").isEqualTo("138****5678");
        assertThat(v.birthDate()).isNull();
        assertThat(v.birthYear()).isEqualTo(1990);
        assertThat(v.gender()).isEqualTo("FEMALE");
        assertThat(v.joinDate()).isEqualTo(LocalDate.of(2015, 7, 1));
        assertThat(v.flags()).containsExactly("MOBILE");
        assertThat(v.officerRoles()).hasSize(1);
        assertThat(v.version()).isEqualTo(3L);
    }

    @Test
    void namesOnlyCarriesNoPersonalDataAtAll() {
        MemberView v = policy.view(member, Detail.NONE, TODAY);
        assertThat(v.personalData()).isEqualTo("NONE");
        assertThat(v.name()).isEqualTo("张三");
        assertThat(v.orgName()).isEqualTo("第一党支部");
        assertThat(v.status()).isEqualTo("PROBATIONARY");
        assertThat(v.idNumber()).isNull();
        assertThat(v.phone()).isNull();
        assertThat(v.birthDate()).isNull();
        assertThat(v.birthYear()).isNull();
        assertThat(v.gender()).isNull();
        assertThat(v.flags()).isNull();
        assertThat(v.username()).isNull();
        assertThat(v.warnings()).isNull();
    }

    @Test
    void warnsOfDueTransfersOverdueProbationAndLostContact() {
        MemberView due = policy.view(member, Detail.MASKED, TODAY);
        assertThat(due.transferDue()).isTrue();
        assertThat(due.warnings()).contains("外出流动已满 6 个月，应办理组织关系转接", "预备期已满，应及时讨论其能否转为正式党员");
        Member recent = member(EnumSet.of(MemberFlag.MOBILE, MemberFlag.LOST_CONTACT), LocalDate.of(2026, 5, 22));
        MemberView notYet = policy.view(recent, Detail.MASKED, TODAY);
        assertThat(notYet.transferDue()).isFalse();
        assertThat(notYet.warnings()).contains("失联党员，应设法取得联系").noneMatch(w -> w.contains("转接"));
        assertThat(policy.view(member(EnumSet.of(MemberFlag.MOBILE), LocalDate.of(2026, 5, 21)), Detail.MASKED, TODAY).transferDue())
                .as("exactly six months").isTrue();
        assertThat(MemberViewPolicy.describe(Period.ofDays(45))).isEqualTo("45 天");
        assertThat(MemberViewPolicy.describe(Period.of(1, 2, 0))).isEqualTo("1 年 2 个月");
    }
}
