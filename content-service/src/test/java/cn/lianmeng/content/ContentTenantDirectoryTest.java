package cn.lianmeng.content;

import cn.lianmeng.platform.testing.ServiceTestSupport;
import cn.lianmeng.platform.testing.TenantDirectoryContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 1, topics = {"org.enterprise.v1", "org.enterprise.v1-dlt"})
class ContentTenantDirectoryTest extends TenantDirectoryContract {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "content_it");
    }

    @Override
    protected String prefix() {
        return "/api/content";
    }
}
