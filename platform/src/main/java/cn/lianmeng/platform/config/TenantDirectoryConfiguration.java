package cn.lianmeng.platform.config;

import java.time.Clock;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.events.ProcessedEvents;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import cn.lianmeng.platform.tenancy.TenantDirectoryController;
import cn.lianmeng.platform.tenancy.TenantDirectoryListener;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The tenant directory read model, for services that consume org-service's enterprise events. */
@AutoConfiguration(after = {PlatformDataConfiguration.class, PlatformEventsConfiguration.class})
@ConditionalOnProperty(name = "lianmeng.tenant-directory.enabled", havingValue = "true")
public class TenantDirectoryConfiguration {

    @Bean
    TenantDirectory tenantDirectory(MongoAccess mongo, ProcessedEvents processed, Clock clock,
                                    @Value("${spring.application.name}") String service) {
        return new TenantDirectory(mongo, processed, clock, service + ".tenant-directory");
    }

    @Bean
    TenantDirectoryListener tenantDirectoryListener(TenantDirectory directory, JsonMapper json) {
        return new TenantDirectoryListener(directory, json);
    }

    @Bean
    TenantDirectoryController tenantDirectoryController(TenantDirectory directory) {
        return new TenantDirectoryController(directory);
    }

    @Bean
    NewTopic enterpriseTopic() {
        return TopicBuilder.name(TenantDirectory.TOPIC).partitions(3).build();
    }

    @Bean
    NewTopic enterpriseDeadLetterTopic() {
        return TopicBuilder.name(TenantDirectory.TOPIC + "-dlt").partitions(3).build();
    }
}
