package cn.lianmeng.gateway.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import cn.lianmeng.gateway.errors.ProblemMapper;
import cn.lianmeng.gateway.errors.ProblemWriter;
import reactor.core.publisher.Mono;

/** 403 as problem details. */
public class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    private final ProblemWriter writer;

    public ProblemAccessDeniedHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return writer.write(exchange, ProblemMapper.forbidden());
    }
}
