package cn.lianmeng.activity.config;

import cn.lianmeng.activity.activity.ActivityEvents;
import cn.lianmeng.activity.checkin.AttendanceLedger;
import cn.lianmeng.activity.directory.OrgDirectory;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Topics activity-service produces, and those it consumes with their dead-letter topics (3 partitions; key =
 * aggregate id keeps per-aggregate order). Creating an existing topic is a no-op.
 */
@Configuration(proxyBeanMethods = false)
public class TopicsConfiguration {

    @Bean
    NewTopic activityTopic() {
        return TopicBuilder.name(ActivityEvents.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic activityDeadLetterTopic() {
        return TopicBuilder.name(ActivityEvents.TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic attendanceTopic() {
        return TopicBuilder.name(AttendanceLedger.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic organisationTopic() {
        return TopicBuilder.name(OrgDirectory.ORGANISATION_TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic organisationDeadLetterTopic() {
        return TopicBuilder.name(OrgDirectory.ORGANISATION_TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic memberTopic() {
        return TopicBuilder.name(OrgDirectory.MEMBER_TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic memberDeadLetterTopic() {
        return TopicBuilder.name(OrgDirectory.MEMBER_TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic staffTopic() {
        return TopicBuilder.name(OrgDirectory.STAFF_TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic staffDeadLetterTopic() {
        return TopicBuilder.name(OrgDirectory.STAFF_TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic regionTopic() {
        return TopicBuilder.name(OrgDirectory.REGION_TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic regionDeadLetterTopic() {
        return TopicBuilder.name(OrgDirectory.REGION_TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic meetingSettingsTopic() {
        return TopicBuilder.name(cn.lianmeng.activity.settings.MeetingSettingsReadModel.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic meetingSettingsDeadLetterTopic() {
        return TopicBuilder.name(cn.lianmeng.activity.settings.MeetingSettingsReadModel.TOPIC + "-dlt").partitions(3).build();
    }
}
