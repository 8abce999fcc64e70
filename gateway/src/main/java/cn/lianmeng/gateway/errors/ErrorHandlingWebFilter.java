package cn.lianmeng.gateway.errors;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Turns errors from the inner filters, the security chain, routing and handlers into problem responses while still
 * inside the filter chain, so that the filters around it (the access log) observe the status actually sent.
 */
@Component
public class ErrorHandlingWebFilter implements WebFilter, Ordered {

    /** Inside the request-id filter and the access log, outside everything else. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    private final ProblemErrorWebExceptionHandler handler;

    public ErrorHandlingWebFilter(ProblemErrorWebExceptionHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).onErrorResume(ex -> handler.handle(exchange, ex));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
