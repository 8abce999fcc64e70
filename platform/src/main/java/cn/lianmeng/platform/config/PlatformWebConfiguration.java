package cn.lianmeng.platform.config;

import java.time.Clock;

import cn.lianmeng.platform.web.JsonBodyGuard;
import cn.lianmeng.platform.web.ProblemWebExceptionHandler;
import cn.lianmeng.platform.web.Problems;
import cn.lianmeng.platform.web.RequestIds;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** Request ids, JSON body guard and problem-details errors for every service. */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformWebConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Problems problems(JsonMapper json) {
        return new Problems(json);
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(Problems problems) {
        return new ProblemWebExceptionHandler(problems);
    }

    @Bean
    RequestIds requestIds() {
        return new RequestIds();
    }

    @Bean
    JsonBodyGuard jsonBodyGuard(JsonMapper json, PlatformProperties properties) {
        return new JsonBodyGuard(json, (int) properties.getWeb().getMaxJsonBody().toBytes());
    }
}
