package cn.lianmeng.gateway.docs;

import java.util.List;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.lianmeng.gateway.routing.RouteTimeoutMetadata;
import cn.lianmeng.gateway.routing.RoutingProperties;

/**
 * {@code /v3/api-docs/org|activity|content} → that service's {@code /v3/api-docs}. The gateway's own api-docs
 * endpoint is switched off ({@code springdoc.enable-default-api-docs: false}) so these paths reach the routes; the
 * Swagger UI lists them through {@code springdoc.swagger-ui.urls}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsRoutesConfiguration {

    /** The services whose docs the gateway's Swagger UI lists; each is a key of {@code lianmeng.gateway.services}. */
    public static final List<String> DOCUMENTED_SERVICES = List.of("org", "activity", "content");

    @Bean
    RouteLocator apiDocsRoutes(RouteLocatorBuilder builder, RoutingProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (String service : DOCUMENTED_SERVICES) {
            routes.route(service + "-api-docs", r -> r.path("/v3/api-docs/" + service)
                    .filters(f -> f.setPath("/v3/api-docs"))
                    .metadata(RouteTimeoutMetadata.of(properties.getRouteTimeouts().get(service)))
                    .uri(properties.service(service)));
        }
        return routes.build();
    }
}
