package cn.lianmeng.platform.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The platform's test service with the embedded Kafka broker; MongoDB via {@link ServiceTestSupport}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = TestPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=platform-test", "lianmeng.api-prefix=/api/test",
                "lianmeng.tenant-directory.enabled=true"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 1, topics = {"org.enterprise.v1", "org.enterprise.v1-dlt", "test.thing.v1"})
public @interface PlatformIntegrationTest {
}
