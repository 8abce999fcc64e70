package cn.lianmeng.platform.web;

import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards every JSON request body before any handler sees it: caps its size (413 above the limit, also for chunked
 * bodies without a length) and rejects property names that MongoDB would read as operators or paths (a leading
 * {@code $} or any {@code .}), naming the offending key. So no client key can ever become a MongoDB operator.
 */
public final class JsonBodyGuard implements WebFilter, Ordered {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final JsonMapper json;
    private final int maxBytes;

    public JsonBodyGuard(JsonMapper json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    @Override
    public int getOrder() {
        return 0; // after the security chain, so an anonymous caller gets 401 before any body is read
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        MediaType type = request.getHeaders().getContentType();
        if (!WITH_BODY.contains(request.getMethod()) || type == null
                || !(MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"))) {
            return chain.filter(exchange);
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            // answered 413 by ProblemWebExceptionHandler, like the limit hit while reading a chunked body below
            return Mono.error(new DataBufferLimitException("declared Content-Length " + declared + " exceeds " + maxBytes));
        }
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    String badKey = firstForbiddenKey(bytes);
                    if (badKey != null) {
                        return Mono.error(ApiException.badRequest(badKey, "字段名不允许以 $ 开头或包含 .（可能被当作数据库操作符）"));
                    }
                    ServerHttpRequest replay = new ServerHttpRequestDecorator(request) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
                        }
                    };
                    return chain.filter(exchange.mutate().request(replay).build());
                });
    }

    /** The first property name that starts with '$' or contains '.', or null; malformed JSON is left to the decoder. */
    String firstForbiddenKey(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try (JsonParser parser = json.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    if (name.startsWith("$") || name.contains(".")) {
                        return name;
                    }
                }
            }
        } catch (JacksonException malformed) {
            return null;
        }
        return null;
    }
}
