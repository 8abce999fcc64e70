package cn.lianmeng.gateway.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/** Turns a route's timeout overrides into the route metadata Spring Cloud Gateway's routing filter reads. */
public final class RouteTimeoutMetadata {

    private RouteTimeoutMetadata() {
    }

    public static Map<String, Object> of(RoutingProperties.RouteTimeouts timeouts) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (timeouts == null) {
            return metadata;
        }
        if (timeouts.getConnect() != null) {
            metadata.put(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, Math.toIntExact(timeouts.getConnect().toMillis()));
        }
        if (timeouts.getResponse() != null) {
            metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, timeouts.getResponse().toMillis());
        }
        return metadata;
    }
}
