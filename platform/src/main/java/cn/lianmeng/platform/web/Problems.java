package cn.lianmeng.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem details (application/problem+json); the one format every answer of failure uses. */
public final class Problems {

    public static final String TYPE_BASE = "https://lianmeng.cn/problems/";

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public static Map<String, Object> body(HttpStatus status, String code, String title, String detail, String instance,
                                           String requestId, List<FieldProblem> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", code == null ? "about:blank" : TYPE_BASE + code);
        body.put("title", title);
        body.put("status", status.value());
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", instance);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiException e) {
        return write(exchange, e.status(), e.code(), e.title(), e.getMessage(), e.errors());
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String title, String detail,
                            List<FieldProblem> errors) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        byte[] bytes = json.writeValueAsString(body(status, code, title, detail, exchange.getRequest().getPath().value(),
                RequestIds.of(exchange), errors)).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
