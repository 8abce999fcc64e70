package cn.lianmeng.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies: a declared {@code Content-Length} over the cap is refused at once; otherwise (chunked bodies)
 * the bytes are counted while they stream through and the exchange fails with 413 as soon as the cap is passed.
 */
@Component
public class BodySizeLimitWebFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 4;

    private final BodyLimits limits;

    public BodySizeLimitWebFilter(BodyLimitProperties properties) {
        this.limits = BodyLimits.from(properties);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long max = limits.maxBytes(request.getPath().pathWithinApplication());
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return Mono.error(new PayloadTooLargeException(max));
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> {
                    AtomicLong seen = new AtomicLong();
                    return super.getBody().handle((buffer, sink) -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > max) {
                            DataBufferUtils.release(buffer);
                            sink.error(new PayloadTooLargeException(max));
                        }
                        else {
                            sink.next(buffer);
                        }
                    });
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
