package cn.lianmeng.org.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void requiresLengthLettersDigitsAndASymbol() {
        assertThat(PasswordPolicy.problem("Ab1@", "u")).contains("密码至少 8 位");
        assertThat(PasswordPolicy.problem("abcdefgh1", "u")).contains("密码须同时包含字母、数字和符号");
        assertThat(PasswordPolicy.problem("abcdefgh@", "u")).isPresent();
        assertThat(PasswordPolicy.problem("12345678@", "u")).isPresent();
        assertThat(PasswordPolicy.problem("Demo@2026", "demo-admin")).isEmpty();
    }

    @Test
    void refusesPasswordsContainingTheUsernameOrWhitespace() {
        assertThat(PasswordPolicy.problem("zhangsan@2026", "zhangsan")).contains("密码不能包含用户名");
        assertThat(PasswordPolicy.problem("Demo @2026", "x")).contains("密码不能包含空白字符");
    }

    @RepeatedTest(20)
    void generatedPasswordsSatisfyThePolicy() {
        assertThat(PasswordPolicy.problem(PasswordPolicy.generate(), "someone")).isEmpty();
    }

    @Test
    void lockoutAfterFiveFailuresForThirtyMinutes() {
        LockoutPolicy p = LockoutPolicy.DEFAULT;
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(p.locksAfter(4)).isFalse();
        assertThat(p.locksAfter(5)).isTrue();
        Instant until = p.lockUntil(now);
        assertThat(Duration.between(now, until)).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.isLocked(until, now.plusSeconds(60))).isTrue();
        assertThat(p.isLocked(until, now.plus(Duration.ofMinutes(31)))).isFalse();
        assertThat(p.isLocked(null, now)).isFalse();
    }
}
