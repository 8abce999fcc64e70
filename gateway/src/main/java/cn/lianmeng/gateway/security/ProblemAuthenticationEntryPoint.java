package cn.lianmeng.gateway.security;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

import cn.lianmeng.gateway.errors.Problem;
import cn.lianmeng.gateway.errors.ProblemMapper;
import cn.lianmeng.gateway.errors.ProblemWriter;
import reactor.core.publisher.Mono;

/** 401 as problem details with {@code WWW-Authenticate: Bearer} (RFC 6750). */
public class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemWriter writer;

    public ProblemAuthenticationEntryPoint(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        return writer.write(exchange, problemFor(ex));
    }

    static Problem problemFor(AuthenticationException ex) {
        if (ex instanceof OAuth2AuthenticationException oauth) {
            String code = oauth.getError().getErrorCode();
            String detail = "invalid_request".equals(code) ? "访问令牌格式不正确，请重新登录" : "访问令牌无效或已过期，请重新登录";
            return ProblemMapper.unauthorized(detail).withHeader("WWW-Authenticate", "Bearer error=\"" + code + "\"");
        }
        return ProblemMapper.unauthorized("缺少访问令牌，请先登录");
    }
}
