package cn.lianmeng.org.config;

import cn.lianmeng.org.alliance.AllianceService;
import cn.lianmeng.org.dormancy.DormancyEvaluator;
import cn.lianmeng.org.enterprise.EnterpriseService;
import cn.lianmeng.org.onboarding.OnboardingService;
import cn.lianmeng.org.region.RegionService;
import cn.lianmeng.org.staff.StaffService;
import cn.lianmeng.org.organisation.OrganisationStore;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Topics org-service produces (3 partitions; key = aggregate id keeps per-aggregate order)  */
@Configuration(proxyBeanMethods = false)
public class TopicsConfiguration {

    @Bean
    NewTopic allianceTopic() {
        return TopicBuilder.name(AllianceService.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic enterpriseTopicOrg() {
        return TopicBuilder.name(EnterpriseService.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic regionTopic() {
        return TopicBuilder.name(RegionService.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic staffTopic() {
        return TopicBuilder.name(StaffService.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic organisationTopic() {
        return TopicBuilder.name(OrganisationStore.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic warningTopic() {
        return TopicBuilder.name(DormancyEvaluator.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic onboardingTopic() {
        return TopicBuilder.name(OnboardingService.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic memberTopic() {
        return TopicBuilder.name(cn.lianmeng.org.member.MemberService.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic transferTopic() {
        return TopicBuilder.name(cn.lianmeng.org.transfer.TransferService.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic meetingSettingsTopic() {
        return TopicBuilder.name(cn.lianmeng.org.dormancy.MeetingSettingsService.TOPIC).partitions(3).build();
    }
}
