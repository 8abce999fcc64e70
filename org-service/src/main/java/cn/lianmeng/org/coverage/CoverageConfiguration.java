package cn.lianmeng.org.coverage;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The coverage settings and the topics the coverage consumer reads that org-service's enterprise package does not
 * already declare (producers declare theirs too; creating an existing topic is skipped), with their dead-letter topics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CoverageProperties.class)
public class CoverageConfiguration {

    @Bean
    NewTopic coverageMemberTopic() {
        return TopicBuilder.name(CoverageProjector.MEMBER_TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic coverageActivityTopic() {
        return TopicBuilder.name(CoverageProjector.ACTIVITY_TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic coverageEnterpriseDeadLetters() {
        return TopicBuilder.name(CoverageProjector.ENTERPRISE_TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic coverageOrganisationDeadLetters() {
        return TopicBuilder.name(CoverageProjector.ORGANISATION_TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic coverageMemberDeadLetters() {
        return TopicBuilder.name(CoverageProjector.MEMBER_TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic coverageRegionDeadLetters() {
        return TopicBuilder.name(CoverageProjector.REGION_TOPIC + "-dlt").partitions(3).build();
    }

    @Bean
    NewTopic coverageActivityDeadLetters() {
        return TopicBuilder.name(CoverageProjector.ACTIVITY_TOPIC + "-dlt").partitions(3).build();
    }
}
