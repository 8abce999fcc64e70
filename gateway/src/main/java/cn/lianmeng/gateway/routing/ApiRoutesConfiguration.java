package cn.lianmeng.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API routes of the contract. Targets come from {@code lianmeng.gateway.services.*}, timeouts from
 * {@code lianmeng.gateway.route-timeouts.<route id>} (else the global httpclient defaults). Routes declared in
 * YAML under {@code spring.cloud.gateway.server.webflux.routes} are added to these.
 */
@Configuration(proxyBeanMethods = false)
public class ApiRoutesConfiguration {

    public static final String ORG = "org";
    public static final String ACTIVITY = "activity";
    public static final String CONTENT = "content";

    @Bean
    RouteLocator apiRoutes(RouteLocatorBuilder builder, RoutingProperties properties) {
        return builder.routes()
                .route(ORG, r -> r.path("/api/auth/**", "/api/org/**", "/.well-known/jwks.json")
                        .metadata(RouteTimeoutMetadata.of(properties.getRouteTimeouts().get(ORG)))
                        .uri(properties.service(ORG)))
                .route(ACTIVITY, r -> r.path("/api/activity/**")
                        .metadata(RouteTimeoutMetadata.of(properties.getRouteTimeouts().get(ACTIVITY)))
                        .uri(properties.service(ACTIVITY)))
                .route(CONTENT, r -> r.path("/api/content/**")
                        .metadata(RouteTimeoutMetadata.of(properties.getRouteTimeouts().get(CONTENT)))
                        .uri(properties.service(CONTENT)))
                .build();
    }
}
