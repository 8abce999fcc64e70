package cn.lianmeng.gateway.context;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * Per-exchange facts shared between the gateway's filters and handlers. Exchange attributes survive
 * {@code exchange.mutate()}, so outer filters see what inner ones recorded.
 */
public final class RequestContext {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final String REQUEST_ID = RequestContext.class.getName() + ".requestId";
    private static final String CALLER = RequestContext.class.getName() + ".caller";

    private RequestContext() {
    }

    /** The request id chosen for the exchange, or {@code null} before the request-id filter ran. */
    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(REQUEST_ID);
    }

    public static void setRequestId(ServerWebExchange exchange, String requestId) {
        exchange.getAttributes().put(REQUEST_ID, requestId);
    }

    /** The authenticated caller, or {@code null} for anonymous requests. */
    public static Caller caller(ServerWebExchange exchange) {
        return exchange.getAttribute(CALLER);
    }

    public static void setCaller(ServerWebExchange exchange, Caller caller) {
        exchange.getAttributes().put(CALLER, caller);
    }

    /**
     * The client's IP address as seen by the gateway (the TCP peer; behind a trusted proxy set
     * {@code server.forward-headers-strategy} so that it reflects the forwarded client address).
     */
    public static String clientIp(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }
}
