package cn.lianmeng.gateway.limits;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import cn.lianmeng.gateway.context.Caller;
import cn.lianmeng.gateway.context.RequestContext;
import cn.lianmeng.gateway.security.PublicPaths;
import reactor.core.publisher.Mono;

/**
 * Per client IP on {@code POST /api/auth/login}; per authenticated user ({@code sub}) on every other call. Runs after
 * the caller is known; refusals become 429 problems with {@code Retry-After}.
 */
@Component
public class RateLimitWebFilter implements WebFilter, Ordered {

    /** Right after Spring Security's WebFilterChainProxy (-100), which records the caller. */
    public static final int ORDER = -90;

    /** Matched on the decoded path, as the services match it, so {@code /api/auth/logi%6E} counts too. */
    private static final PathPattern LOGIN = PathPatternParser.defaultInstance.parse(PublicPaths.LOGIN);

    private final boolean enabled;
    private final RateLimiter perUser;
    private final RateLimiter loginPerIp;

    public RateLimitWebFilter(RateLimitProperties properties) {
        this.enabled = properties.isEnabled();
        this.perUser = properties.getPerUser().newLimiter(properties.getMaxTrackedKeys());
        this.loginPerIp = properties.getLoginPerIp().newLimiter(properties.getMaxTrackedKeys());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!enabled) {
            return chain.filter(exchange);
        }
        if (isLogin(exchange)) {
            TokenBucket.Decision decision = loginPerIp.tryAcquire(RequestContext.clientIp(exchange));
            if (!decision.allowed()) {
                return Mono.error(new RateLimitExceededException(decision.retryAfterSeconds(), "登录尝试过于频繁"));
            }
        }
        Caller caller = RequestContext.caller(exchange);
        if (caller != null && caller.subject() != null) {
            TokenBucket.Decision decision = perUser.tryAcquire(caller.subject());
            if (!decision.allowed()) {
                return Mono.error(new RateLimitExceededException(decision.retryAfterSeconds(), "您的请求过于频繁"));
            }
        }
        return chain.filter(exchange);
    }

    private static boolean isLogin(ServerWebExchange exchange) {
        return HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && LOGIN.matches(exchange.getRequest().getPath().pathWithinApplication());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
