package cn.lianmeng.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsSaneValues() {
        assertThat(RequestIds.choose("abc-DEF_1.2")).isEqualTo("abc-DEF_1.2");
        assertThat(RequestIds.choose("x".repeat(64))).isEqualTo("x".repeat(64));
    }

    @Test
    void replacesMissingLongOrOddValues() {
        assertThat(RequestIds.choose(null)).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.choose("")).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.choose("x".repeat(65))).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.choose("a b")).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.choose("id\r\nX-Evil: 1")).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.choose("编号")).matches("[0-9a-f-]{36}");
    }

    @Test
    void accessLogValuesCannotSplitTheLine() {
        String line = AccessLogLine.format("r1", "GET", "/a b\nc", "200", 5, null, "t", "1.2.3.4");
        assertThat(line).isEqualTo("requestId=r1 method=GET path=/a_b_c status=200 latencyMs=5 user=- tenant=t clientIp=1.2.3.4");
    }
}
