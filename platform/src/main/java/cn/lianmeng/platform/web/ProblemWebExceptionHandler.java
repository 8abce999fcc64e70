package cn.lianmeng.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure that reaches the web layer into RFC 9457 problem details with a Chinese message. Client
 * mistakes map to 4xx with the offending field named; only genuine server faults become 500 (and are logged).
 */
public final class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "请求有误"),
            Map.entry(401, "未登录或登录已过期"),
            Map.entry(403, "无权访问"),
            Map.entry(404, "资源不存在"),
            Map.entry(405, "请求方法不被支持"),
            Map.entry(406, "无法提供所要求的响应格式"),
            Map.entry(409, "数据冲突"),
            Map.entry(413, "请求体过大"),
            Map.entry(415, "不支持的内容类型"),
            Map.entry(423, "账户已锁定"),
            Map.entry(429, "请求过于频繁"),
            Map.entry(500, "服务器内部错误"),
            Map.entry(503, "服务暂不可用"));

    private final Problems problems;

    public ProblemWebExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    public static String title(HttpStatus status) {
        return TITLES.getOrDefault(status.value(), status.getReasonPhrase());
    }

    @Override
    public int getOrder() {
        return -2; // before Boot's DefaultErrorWebExceptionHandler (-1)
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        return problems.write(exchange, toApiException(ex, exchange));
    }

    ApiException toApiException(Throwable ex, ServerWebExchange exchange) {
        if (ex instanceof ApiException api) {
            return api;
        }
        if (causedBy(ex, DataBufferLimitException.class) != null) {
            return of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "请求体超过允许的大小", List.of());
        }
        if (ex instanceof WebExchangeBindException bind) {
            List<FieldProblem> errors = new ArrayList<>();
            bind.getFieldErrors().forEach(f -> errors.add(new FieldProblem(f.getField(),
                    f.getDefaultMessage() == null ? "取值无效" : f.getDefaultMessage())));
            bind.getGlobalErrors().forEach(g -> errors.add(new FieldProblem(g.getObjectName(),
                    g.getDefaultMessage() == null ? "取值无效" : g.getDefaultMessage())));
            return ApiException.invalid(errors);
        }
        if (ex instanceof ConstraintViolationException cve) {
            List<FieldProblem> errors = cve.getConstraintViolations().stream()
                    .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList();
            return ApiException.invalid(errors);
        }
        if (ex instanceof MissingRequestValueException missing) {
            return ApiException.badRequest(missing.getName(), "缺少必填参数");
        }
        if (ex instanceof ServerWebInputException input) {
            JacksonException json = causedBy(ex, JacksonException.class);
            if (json != null) {
                String field = jsonPath(json);
                return field == null
                        ? of(HttpStatus.BAD_REQUEST, "malformed-json", "请求体不是合法的 JSON", List.of())
                        : ApiException.badRequest(field, "取值格式不正确");
            }
            if (causedBy(ex, CodecException.class) != null) {
                return of(HttpStatus.BAD_REQUEST, "malformed-json", "请求体无法解析", List.of());
            }
            if (input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null) {
                return ApiException.badRequest(input.getMethodParameter().getParameterName(), "取值格式不正确");
            }
            String reason = input.getReason();
            return of(HttpStatus.BAD_REQUEST, "bad-request", reason == null || reason.isBlank() ? "请求有误" : "请求有误：" + reason, List.of());
        }
        if (ex instanceof ResponseStatusException rse) {
            HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
            if (status == null) {
                status = HttpStatus.BAD_REQUEST;
            }
            return of(status, null, detailFor(status, exchange), List.of());
        }
        if (ex instanceof AuthenticationException) {
            return ApiException.unauthenticated();
        }
        if (ex instanceof AccessDeniedException) {
            return ApiException.forbidden();
        }
        if (causedBy(ex, WebClientRequestException.class) != null || causedBy(ex, WebClientResponseException.class) != null) {
            log.warn("A service this request depends on is unavailable (requestId={}): {}", RequestIds.of(exchange), ex.toString());
            return of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "依赖的服务暂不可用，请稍后重试", List.of());
        }
        MongoServerException mongo = causedBy(ex, MongoServerException.class);
        if (mongo != null && ErrorCategory.fromErrorCode(mongo.getCode()) == ErrorCategory.DUPLICATE_KEY) {
            return ApiException.conflict("记录已存在或与现有记录冲突");
        }
        log.error("Unhandled error on {} {} (requestId={})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), RequestIds.of(exchange), ex);
        return of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "服务器内部错误，请稍后重试；如持续出现请联系管理员并提供请求编号", List.of());
    }

    private static String detailFor(HttpStatus status, ServerWebExchange exchange) {
        return switch (status) {
            case NOT_FOUND -> "请求的地址不存在：" + exchange.getRequest().getPath().value();
            case METHOD_NOT_ALLOWED -> "该地址不支持 " + exchange.getRequest().getMethod().name() + " 方法";
            case UNSUPPORTED_MEDIA_TYPE -> "请使用 application/json 或该接口声明的内容类型";
            case NOT_ACCEPTABLE -> "该接口无法按所要求的格式返回";
            default -> title(status);
        };
    }

    private static ApiException of(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
        return new ApiException(status, code, title(status), detail, errors);
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T causedBy(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return (T) t;
            }
        }
        return null;
    }
}
