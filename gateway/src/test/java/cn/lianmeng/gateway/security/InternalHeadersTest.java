package cn.lianmeng.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InternalHeadersTest {

    @Test
    void matchesEveryInternalPrefixCaseInsensitively() {
        assertThat(InternalHeaders.isInternal("X-Tenant-Id")).isTrue();
        assertThat(InternalHeaders.isInternal("x-user-id")).isTrue();
        assertThat(InternalHeaders.isInternal("X-SCOPE-ORGS")).isTrue();
        assertThat(InternalHeaders.isInternal("X-Internal-Token")).isTrue();
        assertThat(InternalHeaders.isInternal("X-Caller-Service")).isTrue();
        assertThat(InternalHeaders.isInternal("X-Forwarded-User")).isTrue();
        assertThat(InternalHeaders.isInternal("X-Forwarded-User-Roles")).isTrue();
    }

    @Test
    void leavesOrdinaryHeadersAlone() {
        assertThat(InternalHeaders.isInternal("Authorization")).isFalse();
        assertThat(InternalHeaders.isInternal("X-Request-Id")).isFalse();
        assertThat(InternalHeaders.isInternal("X-Forwarded-For")).isFalse();
        assertThat(InternalHeaders.isInternal("X-Tenant")).isFalse();
        assertThat(InternalHeaders.isInternal("User-Agent")).isFalse();
    }
}
