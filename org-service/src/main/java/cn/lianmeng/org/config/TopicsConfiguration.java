package cn.lianmeng.org.config;

import cn.lianmeng.org.alliance.AllianceService;
import cn.lianmeng.org.enterprise.EnterpriseService;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Topics org-service produces (3 partitions; key = aggregate id keeps per-aggregate order) and its API description. */
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
    OpenAPI orgServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("联盟 org-service").version("v1")
                        .description("身份认证、联盟、成员单位（租户）。错误均为 RFC 9457 problem details（中文消息）；"
                                + "跨租户访问返回 404，角色无权返回 403，未登录返回 401。"))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
