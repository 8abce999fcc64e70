package cn.lianmeng.content.support;

import cn.lianmeng.content.audience.DirectoryListeners;
import cn.lianmeng.platform.tenancy.TenantDirectoryListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@TestConfiguration(proxyBeanMethods = false)
public class TestBeans {

    @Bean
    World world(DirectoryListeners listeners, TenantDirectoryListener tenantDirectory, KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        return new World(listeners, tenantDirectory, kafka, json);
    }
}
