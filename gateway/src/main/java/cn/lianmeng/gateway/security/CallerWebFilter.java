package cn.lianmeng.gateway.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.lianmeng.gateway.context.Caller;
import cn.lianmeng.gateway.context.RequestContext;
import reactor.core.publisher.Mono;

/**
 * Sits in the security chain right after authentication (before authorization): records the authenticated caller,
 * from verified claims only, on the exchange for the rate limiter and the access log — denied requests included.
 */
public class CallerWebFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .doOnNext(authentication -> {
                    if (authentication instanceof JwtAuthenticationToken token) {
                        RequestContext.setCaller(exchange, callerOf(token.getToken()));
                    }
                })
                .then(Mono.defer(() -> chain.filter(exchange)));
    }

    static Caller callerOf(Jwt jwt) {
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("tid"));
    }
}
