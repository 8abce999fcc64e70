package cn.lianmeng.platform.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonBodyGuardTest {

    private final JsonBodyGuard guard = new JsonBodyGuard(JsonMapper.builder().build(), 1024);

    @Test
    void findsOperatorKeysAtAnyDepth() {
        assertThat(guard.firstForbiddenKey("{\"name\":\"a\",\"q\":{\"$where\":\"1\"}}".getBytes(UTF_8))).isEqualTo("$where");
        assertThat(guard.firstForbiddenKey("{\"list\":[{\"a.b\":1}]}".getBytes(UTF_8))).isEqualTo("a.b");
        assertThat(guard.firstForbiddenKey("{\"$gt\":1}".getBytes(UTF_8))).isEqualTo("$gt");
    }

    @Test
    void acceptsOrdinaryBodiesIncludingDollarsAndDotsInValues() {
        assertThat(guard.firstForbiddenKey("{\"name\":\"$where a.b\",\"n\":[1,2]}".getBytes(UTF_8))).isNull();
        assertThat(guard.firstForbiddenKey(new byte[0])).isNull();
    }

    @Test
    void leavesMalformedJsonToTheDecoder() {
        assertThat(guard.firstForbiddenKey("{\"name\": ".getBytes(UTF_8))).isNull();
    }
}
