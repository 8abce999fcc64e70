package cn.lianmeng.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BodyLimitsTest {

    @Test
    void defaultsToOneMib() {
        BodyLimits limits = BodyLimits.from(new BodyLimitProperties());
        assertThat(limits.maxBytes("/api/org/enterprises")).isEqualTo(1024 * 1024);
    }

    @Test
    void theMostSpecificPatternWins() {
        Map<String, Long> paths = new LinkedHashMap<>();
        paths.put("/api/content/**", 5L);
        paths.put("/api/content/files/**", 50L);
        BodyLimits limits = new BodyLimits(1, paths);
        assertThat(limits.maxBytes("/api/content/files/a.mp4")).isEqualTo(50);
        assertThat(limits.maxBytes("/api/content/articles")).isEqualTo(5);
        assertThat(limits.maxBytes("/api/org/x")).isEqualTo(1);
    }

    @Test
    void bindsSizesFromProperties() {
        BodyLimitProperties properties = new BodyLimitProperties();
        properties.setDefaultSize(DataSize.ofKilobytes(512));
        properties.setPaths(Map.of("/api/content/files/**", DataSize.ofMegabytes(20)));
        BodyLimits limits = BodyLimits.from(properties);
        assertThat(limits.maxBytes("/api/content/files/x")).isEqualTo(20L * 1024 * 1024);
        assertThat(limits.maxBytes("/api/content/x")).isEqualTo(512L * 1024);
    }

    @Test
    void describesSizesForMessages() {
        assertThat(BodyLimits.describe(1024 * 1024)).isEqualTo("1 MiB");
        assertThat(BodyLimits.describe(512 * 1024)).isEqualTo("512 KiB");
        assertThat(BodyLimits.describe(1000)).isEqualTo("1000 字节");
    }
}
