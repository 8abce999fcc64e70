package cn.lianmeng.gateway.errors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import cn.lianmeng.gateway.context.RequestContext;
import reactor.core.publisher.Mono;

/**
 * Answers every error the gateway itself produces with RFC 9457 problem details. Ordered before Boot's default
 * handler (order -1). {@link ErrorHandlingWebFilter} calls it from inside the filter chain as well, so that the
 * access log sees the final status.
 */
@Component
@Order(-2)
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final ProblemMapper mapper;
    private final ProblemWriter writer;

    public ProblemErrorWebExceptionHandler(ProblemWriter writer) {
        this.mapper = new ProblemMapper();
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        ProblemMapper.Mapped mapped = mapper.map(ex, method, path);
        String requestId = RequestContext.requestId(exchange);
        switch (mapped.severity()) {
            case ERROR -> log.error("Unexpected error for {} {} (requestId={})", method, path, requestId, ex);
            case WARN -> log.warn("{} {} answered {} (requestId={}): {}", method, path, mapped.problem().status(),
                    requestId, ex.toString());
            case QUIET -> log.debug("{} {} answered {}: {}", method, path, mapped.problem().status(), ex.toString());
        }
        return writer.write(exchange, mapped.problem());
    }
}
