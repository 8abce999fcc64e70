package cn.lianmeng.gateway.observability;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.lianmeng.gateway.context.RequestContext;

import reactor.core.publisher.Mono;

/**
 * Outermost filter: fixes the request id of the exchange, puts it on the request that goes downstream and on the
 * response.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.choose(exchange.getRequest().getHeaders().getFirst(RequestContext.REQUEST_ID_HEADER));
        RequestContext.setRequestId(exchange, requestId);
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(h -> h.set(RequestContext.REQUEST_ID_HEADER, requestId))
                .build();
        exchange.getResponse().getHeaders().set(RequestContext.REQUEST_ID_HEADER, requestId);
        // a downstream response may carry its own X-Request-Id header; ours wins
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestContext.REQUEST_ID_HEADER, requestId);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
