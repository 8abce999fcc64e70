package cn.lianmeng.platform.security;

import java.util.List;

import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.Problems;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** A provisioned account must change its initial password before it may do anything else (forced first-login change). */
public final class PasswordChangeGate implements WebFilter {

    private final Problems problems;
    private final List<String> allowedPaths;

    public PasswordChangeGate(Problems problems, List<String> allowedPaths) {
        this.problems = problems;
        this.allowedPaths = List.copyOf(allowedPaths);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (allowedPaths.contains(path)) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(ctx -> ctx.getAuthentication() instanceof JwtAuthenticationToken jwt
                        && Caller.fromJwt(jwt.getToken()).passwordChangeRequired())
                .defaultIfEmpty(false)
                .flatMap(mustChange -> mustChange
                        ? problems.write(exchange, ApiException.forbidden("首次登录须先修改初始密码（POST /api/auth/password）"))
                        : chain.filter(exchange));
    }
}
