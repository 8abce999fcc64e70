package cn.lianmeng.content.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Topics content-service produces ({@code content.item.v1}, {@code content.study.v1}) and the dead-letter topics of
 * what it consumes (3 partitions; key = aggregate id keeps per-aggregate order). Creating a topic that exists is a no-op.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContentProperties.class)
public class TopicsConfiguration {

    public static final String ITEMS = "content.item.v1";
    public static final String STUDY = "content.study.v1";
    public static final String ORGANISATIONS = "org.organisation.v1";
    public static final String MEMBERS = "org.member.v1";
    public static final String STAFF = "org.staff.v1";
    public static final String ENTERPRISES = "org.enterprise.v1";
    public static final String ACTIVITIES = "activity.activity.v1";

    @Bean
    NewTopic contentItemTopic() {
        return TopicBuilder.name(ITEMS).partitions(3).build();
    }

    @Bean
    NewTopic contentItemDeadLetterTopic() {
        return TopicBuilder.name(ITEMS + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic contentStudyTopic() {
        return TopicBuilder.name(STUDY).partitions(3).build();
    }

    @Bean
    NewTopic organisationDeadLetterTopicContent() {
        return TopicBuilder.name(ORGANISATIONS + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic memberDeadLetterTopicContent() {
        return TopicBuilder.name(MEMBERS + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic staffDeadLetterTopicContent() {
        return TopicBuilder.name(STAFF + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic activityDeadLetterTopicContent() {
        return TopicBuilder.name(ACTIVITIES + "-dlt").partitions(3).build();
    }
}
