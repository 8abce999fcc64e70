package cn.lianmeng.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the gateway's routes point and per-route timeout overrides.
 *
 * <pre>
 * lianmeng.gateway.services.org: lb://org-service          # any URI; tests point it at a stub http://localhost:port
 * lianmeng.gateway.route-timeouts.activity.response: 30s   # per route id; unset values fall back to the global
 *                                                          # spring.cloud.gateway.server.webflux.httpclient.* defaults
 * </pre>
 */
@ConfigurationProperties("lianmeng.gateway")
public class RoutingProperties {

    /** Service key (org, activity, content) to target URI, {@code lb://service-id} or a plain {@code http://} URI. */
    private Map<String, URI> services = new LinkedHashMap<>();

    /** Route id to timeout overrides. */
    private Map<String, RouteTimeouts> routeTimeouts = new LinkedHashMap<>();

    public Map<String, URI> getServices() {
        return services;
    }

    public void setServices(Map<String, URI> services) {
        this.services = services;
    }

    public Map<String, RouteTimeouts> getRouteTimeouts() {
        return routeTimeouts;
    }

    public void setRouteTimeouts(Map<String, RouteTimeouts> routeTimeouts) {
        this.routeTimeouts = routeTimeouts;
    }

    /** The target of a service key; fails fast on a missing entry. */
    public URI service(String key) {
        URI uri = services.get(key);
        if (uri == null) {
            throw new IllegalStateException("Missing property lianmeng.gateway.services." + key);
        }
        return uri;
    }

    /** Connect and response timeout of one route; {@code null} means the global default. */
    public static class RouteTimeouts {

        private Duration connect;
        private Duration response;

        public Duration getConnect() {
            return connect;
        }

        public void setConnect(Duration connect) {
            this.connect = connect;
        }

        public Duration getResponse() {
            return response;
        }

        public void setResponse(Duration response) {
            this.response = response;
        }
    }
}
