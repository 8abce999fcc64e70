package cn.lianmeng.platform.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The common part of every service's OpenAPI document: bearer tokens and the error conventions. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class PlatformOpenApiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformOpenApi(@Value("${spring.application.name}") String service,
                            @Value("${lianmeng.api-description:}") String description) {
        return new OpenAPI()
                .info(new Info().title("联盟 " + service).version("v1").description(description
                        + (description.isBlank() ? "" : "\n\n")
                        + "所有接口需 Bearer 令牌（POST /api/auth/login 获取），登录与文档除外。错误均为 RFC 9457 problem details"
                        + "（application/problem+json，中文消息，errors[] 指明字段）：400 校验失败，401 未登录，403 角色无权，"
                        + "404 不存在或不在调用者范围内（含其他租户），409 冲突，413 请求体过大，429 过于频繁。"))
                // relative: the documents are read through the gateway, so "try it out" goes through the gateway too
                .servers(java.util.List.of(new Server().url("/").description("经网关访问 (through the gateway)")))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
