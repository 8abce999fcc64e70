package cn.lianmeng.gateway.errors;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Maps whatever went wrong while the gateway handled a request to the problem it answers. Plain logic, no Spring
 * context: the WebFlux error handler and the security handlers only write what this returns.
 */
public class ProblemMapper {

    /** How loudly the error handler should log a mapped problem. */
    public enum Severity { QUIET, WARN, ERROR }

    /** A problem and how to log it. */
    public record Mapped(Problem problem, Severity severity) {
    }

    public static final String TITLE_BAD_REQUEST = "请求无效";
    public static final String TITLE_UNAUTHORIZED = "未认证";
    public static final String TITLE_FORBIDDEN = "无权访问";
    public static final String TITLE_NOT_FOUND = "资源不存在";
    public static final String TITLE_METHOD_NOT_ALLOWED = "请求方法不被允许";
    public static final String TITLE_BAD_GATEWAY = "下游服务异常";
    public static final String TITLE_SERVICE_UNAVAILABLE = "服务暂不可用";
    public static final String TITLE_GATEWAY_TIMEOUT = "服务响应超时";
    public static final String TITLE_INTERNAL = "服务器内部错误";

    public Mapped map(Throwable error, String method, String path) {
        // specific causes first: the gateway's own problems, then network failures towards a downstream service
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewayProblemException p) {
                Problem problem = new Problem(p.problemType(), p.title(), p.status().value(), p.detail(), p.headers());
                return new Mapped(problem, Severity.QUIET);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return new Mapped(serviceUnavailable("下游服务无法连接，请稍后重试"), Severity.WARN);
            }
            if (t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.netty.handler.timeout.TimeoutException) {
                return new Mapped(gatewayTimeout(), Severity.WARN);
            }
            // a downstream that died mid-exchange: a pooled connection reset by the peer, or closed before the
            // response. The service is down as far as the caller can tell, so 503 like a refused connection.
            if (t instanceof reactor.netty.http.client.PrematureCloseException || t instanceof java.io.IOException) {
                return new Mapped(serviceUnavailable("下游服务连接中断（服务可能已停止），请稍后重试"), Severity.WARN);
            }
        }
        if (error instanceof AuthenticationServiceException) {
            return new Mapped(serviceUnavailable("暂时无法校验访问令牌（认证服务不可用），请稍后重试"), Severity.WARN);
        }
        if (error instanceof AuthenticationException) {
            return new Mapped(unauthorized("缺少有效的访问令牌，请先登录"), Severity.QUIET);
        }
        if (error instanceof AccessDeniedException) {
            return new Mapped(forbidden(), Severity.QUIET);
        }
        if (error instanceof ResponseStatusException rse) {
            return new Mapped(fromStatus(rse, method, path), rse.getStatusCode().is5xxServerError() ? Severity.WARN : Severity.QUIET);
        }
        return new Mapped(Problem.of(500, TITLE_INTERNAL, "网关处理请求时发生意外错误，请稍后重试；如持续出现请联系管理员并提供请求编号"),
                Severity.ERROR);
    }

    public static Problem unauthorized(String detail) {
        return Problem.of(401, TITLE_UNAUTHORIZED, detail).withHeader("WWW-Authenticate", "Bearer");
    }

    public static Problem forbidden() {
        return Problem.of(403, TITLE_FORBIDDEN, "您没有访问该资源的权限");
    }

    static Problem serviceUnavailable(String detail) {
        return new Problem(Problem.TYPE_PREFIX + "service-unavailable", TITLE_SERVICE_UNAVAILABLE, 503, detail, Map.of());
    }

    static Problem gatewayTimeout() {
        return new Problem(Problem.TYPE_PREFIX + "gateway-timeout", TITLE_GATEWAY_TIMEOUT, 504,
                "下游服务未在规定时间内响应，请稍后重试", Map.of());
    }

    private Problem fromStatus(ResponseStatusException rse, String method, String path) {
        HttpStatusCode code = rse.getStatusCode();
        Map<String, String> headers = new LinkedHashMap<>();
        rse.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        Problem problem = switch (code.value()) {
            case 400 -> Problem.of(400, TITLE_BAD_REQUEST, "请求格式不正确");
            case 401 -> unauthorized("缺少有效的访问令牌，请先登录");
            case 403 -> forbidden();
            case 404 -> Problem.of(404, TITLE_NOT_FOUND, "请求的路径不存在：" + path);
            case 405 -> Problem.of(405, TITLE_METHOD_NOT_ALLOWED, "该路径不支持 " + method + " 方法");
            case 406 -> Problem.of(406, "无法提供所需格式", "无法以请求的媒体类型返回结果");
            case 413 -> Problem.of(413, "请求体过大", "请求体超过允许的大小");
            case 415 -> Problem.of(415, "不支持的媒体类型", "不支持该请求的内容类型");
            case 502 -> new Problem(Problem.TYPE_PREFIX + "bad-gateway", TITLE_BAD_GATEWAY, 502, "下游服务返回了无效响应", Map.of());
            // the load balancer answers 503 when no instance of the service is registered
            case 503 -> serviceUnavailable("目标服务暂无可用实例，请稍后重试");
            case 504 -> gatewayTimeout();
            default -> Problem.of(code.value(), code.is5xxServerError() ? TITLE_INTERNAL : TITLE_BAD_REQUEST,
                    code.is5xxServerError() ? "网关处理请求时发生错误，请稍后重试" : "请求无法处理");
        };
        for (Map.Entry<String, String> h : headers.entrySet()) {
            problem = problem.withHeader(h.getKey(), h.getValue());
        }
        return problem;
    }
}
