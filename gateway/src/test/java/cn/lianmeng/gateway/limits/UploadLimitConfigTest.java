package cn.lianmeng.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

/** The shipped configuration: content-service uploads may be as large as a video (500 MiB), everything else 1 MiB. */
class UploadLimitConfigTest {

    @Test
    void contentUploadsHaveTheVideoLimitAndOtherPathsTheDefault() throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);
        ConfigurationPropertySources.attach(env);
        BodyLimitProperties properties = Binder.get(env).bind("lianmeng.gateway.body-limits", BodyLimitProperties.class)
                .orElseThrow(() -> new AssertionError("body-limits not configured"));
        BodyLimits limits = BodyLimits.from(properties);
        assertThat(limits.maxBytes("/api/content/files")).isGreaterThanOrEqualTo(500L * 1024 * 1024);
        assertThat(limits.maxBytes("/api/content/files/abc/info")).isEqualTo(1024 * 1024);
        assertThat(limits.maxBytes("/api/content/items")).isEqualTo(1024 * 1024);
        assertThat(limits.maxBytes("/api/org/enterprises")).isEqualTo(1024 * 1024);
    }
}
