package cn.lianmeng.gateway.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/** The requests the contract lets through without a token. */
public final class PublicPaths {

    public static final String LOGIN = "/api/auth/login";

    /** Public onboarding applications (入盟申请): an enterprise applies without an account. */
    public static final String ONBOARDING_APPLY = "/api/org/onboarding/applications";

    /** Public for every method. */
    public static final String[] ANY_METHOD = {
        "/.well-known/jwks.json",
        "/v3/api-docs/**",
        "/swagger-ui/**",
        "/swagger-ui.html",
        "/webjars/**",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        // a member's personal iCalendar feed: phone calendars send no token, the URL carries a revocable secret
        "/api/activity/calendar/feeds/*.ics",
    };

    private PublicPaths() {
    }

    public static ServerWebExchangeMatcher matcher() {
        ServerWebExchangeMatcher[] matchers = new ServerWebExchangeMatcher[ANY_METHOD.length + 2];
        matchers[0] = new PathPatternParserServerWebExchangeMatcher(LOGIN, HttpMethod.POST);
        matchers[1] = new PathPatternParserServerWebExchangeMatcher(ONBOARDING_APPLY, HttpMethod.POST);
        for (int i = 0; i < ANY_METHOD.length; i++) {
            matchers[i + 2] = new PathPatternParserServerWebExchangeMatcher(ANY_METHOD[i]);
        }
        return new OrServerWebExchangeMatcher(matchers);
    }
}
