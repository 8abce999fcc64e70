package cn.lianmeng.gateway.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.lianmeng.gateway.context.Caller;
import cn.lianmeng.gateway.context.RequestContext;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Writes one line per request to the {@code lianmeng.access} logger once the response is complete. Sits outside the
 * error-handling filter, so the status is the one actually sent, problem responses included.
 */
@Component
public class AccessLogWebFilter implements WebFilter, Ordered {

    public static final int ORDER = RequestIdWebFilter.ORDER + 1;
    public static final String LOGGER_NAME = "lianmeng.access";

    private static final Logger accessLog = LoggerFactory.getLogger(LOGGER_NAME);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            if (accessLog.isInfoEnabled()) {
                long latencyMs = (System.nanoTime() - start) / 1_000_000;
                accessLog.info(line(exchange, signal, latencyMs));
            }
        });
    }

    static String line(ServerWebExchange exchange, SignalType signal, long latencyMs) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String statusText = signal == SignalType.CANCEL ? "cancelled" : status != null ? String.valueOf(status.value()) : "200";
        Caller caller = RequestContext.caller(exchange);
        return AccessLogLine.format(RequestContext.requestId(exchange), exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(), statusText, latencyMs,
                caller != null ? caller.displayName() : null, caller != null ? caller.tenantId() : null,
                RequestContext.clientIp(exchange));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
