package cn.lianmeng.gateway.errors;

import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import cn.lianmeng.gateway.context.RequestContext;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link Problem} as {@code application/problem+json}; shared by the error handler and security handlers. */
@Component
public class ProblemWriter {

    private final JsonMapper jsonMapper;

    public ProblemWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String requestId = RequestContext.requestId(exchange);
        Map<String, Object> body = problem.body(exchange.getRequest().getPath().value(), requestId);
        byte[] bytes = jsonMapper.writeValueAsBytes(body);
        // drop anything a downstream response or an earlier filter left behind; the problem is the whole answer
        response.getHeaders().clear();
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        problem.headers().forEach((name, value) -> response.getHeaders().set(name, value));
        if (requestId != null) {
            response.getHeaders().set(RequestContext.REQUEST_ID_HEADER, requestId);
        }
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
