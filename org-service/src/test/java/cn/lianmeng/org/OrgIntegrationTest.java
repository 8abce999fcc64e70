package cn.lianmeng.org;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/** org-service with the embedded Kafka broker and the in-process MongoDB stand-in; one shared context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lianmeng.bootstrap.platform-admin-password=Platform@2026", "lianmeng.jwt.key-dir=target/test-jwt"})
@ContextConfiguration(initializers = OrgTestProperties.class) // one shared context for every class: see OrgTestProperties
@AutoConfigureWebTestClient(timeout = "30s") // generous: CI machines are shared and slow
@EmbeddedKafka(partitions = 1, topics = {"org.alliance.v1", "org.enterprise.v1", "org.region.v1", "org.staff.v1", "org.organisation.v1", "org.member.v1", "activity.activity.v1", "activity.attendance.v1", "org.warning.v1", "org.onboarding.v1", "org.transfer.v1", "org.meeting-settings.v1"})
public @interface OrgIntegrationTest {
}
