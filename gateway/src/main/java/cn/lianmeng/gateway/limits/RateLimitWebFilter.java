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
 * Per client IP on the two anonymous writes, {@code POST /api/auth/login} and {@code POST
 * /api/org/onboarding/applications} (each its own bucket); per authenticated user ({@code sub}) on every call with a
 * token. Runs after the caller is known; refusals become 429 problems with {@code Retry-After}.
 */
@Component
public class RateLimitWebFilter implements WebFilter, Ordered {

    /** Right after Spring Security's WebFilterChainProxy (-100), which records the caller. */
    public static final int ORDER = -90;

    /** Matched on the decoded path, as the services match it, so {@code /api/auth/logi%6E} counts too. */
    private static final PathPattern LOGIN = PathPatternParser.defaultInstance.parse(PublicPaths.LOGIN);
    private static final PathPattern APPLY = PathPatternParser.defaultInstance.parse(PublicPaths.ONBOARDING_APPLY);

    private final boolean enabled;
    private final RateLimiter perUser;
    private final RateLimiter loginPerIp;
    private final RateLimiter applyPerIp;

    public RateLimitWebFilter(RateLimitProperties properties) {
        this.enabled = properties.isEnabled();
        this.perUser = properties.getPerUser().newLimiter(properties.getMaxTrackedKeys());
        this.loginPerIp = properties.getLoginPerIp().newLimiter(properties.getMaxTrackedKeys());
        this.applyPerIp = properties.getApplyPerIp().newLimiter(properties.getMaxTrackedKeys());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!enabled) {
            return chain.filter(exchange);
        }
        if (isPost(exchange, LOGIN)) {
            TokenBucket.Decision decision = loginPerIp.tryAcquire(RequestContext.clientIp(exchange));
            if (!decision.allowed()) {
                return Mono.error(new RateLimitExceededException(decision.retryAfterSeconds(), "登录尝试过于频繁"));
            }
        } else if (isPost(exchange, APPLY)) {
            TokenBucket.Decision decision = applyPerIp.tryAcquire(RequestContext.clientIp(exchange));
            if (!decision.allowed()) {
                return Mono.error(new RateLimitExceededException(decision.retryAfterSeconds(), "入盟申请提交过于频繁，请稍后再试"));
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

    private static boolean isPost(ServerWebExchange exchange, PathPattern path) {
        return HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && path.matches(exchange.getRequest().getPath().pathWithinApplication());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
