package cn.lianmeng.gateway.routing;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The load-balanced WebClient the gateway uses for its own calls to services registered in Eureka. */
@Configuration(proxyBeanMethods = false)
public class DownstreamClientsConfiguration {

    @Bean
    @LoadBalanced
    WebClient.Builder loadBalancedWebClientBuilder() {
        return WebClient.builder();
    }

    @Bean
    DownstreamWebClients downstreamWebClients(@LoadBalanced WebClient.Builder loadBalancedWebClientBuilder) {
        return new DownstreamWebClients(loadBalancedWebClientBuilder);
    }
}
