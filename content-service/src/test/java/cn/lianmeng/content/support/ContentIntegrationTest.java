package cn.lianmeng.content.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** content-service with the embedded Kafka broker and the in-process MongoDB stand-in; one shared context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lianmeng.content.publishing.scheduler-interval=200ms",
        "lianmeng.content.video-iframe-hosts=player.bilibili.com,v.qq.com",
        "lianmeng.content.files.max-image=64KB",
        "lianmeng.content.files.max-document=64KB",
        "lianmeng.content.files.max-video=2MB",
        "lianmeng.content.files.chunk-size=16KB",
        "lianmeng.content.comments.forbidden-words=违禁词,反动"})
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(partitions = 1, topics = {"org.enterprise.v1", "org.enterprise.v1-dlt", "org.organisation.v1", "org.organisation.v1-dlt",
        "org.member.v1", "org.member.v1-dlt", "org.staff.v1", "org.staff.v1-dlt", "activity.activity.v1", "activity.activity.v1-dlt",
        "content.item.v1", "content.item.v1-dlt", "content.study.v1"})
@Import(TestBeans.class)
public @interface ContentIntegrationTest {
}
