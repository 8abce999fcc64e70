package cn.lianmeng.platform.security;

import cn.lianmeng.platform.web.ApiException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** Access to the verified caller of the current request. */
public final class Callers {

    private Callers() {
    }

    /** The caller, or 401 when the request carries no verified token. */
    public static Mono<Caller> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(a -> Caller.fromJwt(((JwtAuthenticationToken) a).getToken()))
                .switchIfEmpty(Mono.error(ApiException::unauthenticated));
    }

    /** The caller if they hold any of the roles, else 403. */
    public static Mono<Caller> require(Role... anyOf) {
        return current().flatMap(c -> c.hasAny(anyOf) ? Mono.just(c) : Mono.error(ApiException.forbidden()));
    }
}
