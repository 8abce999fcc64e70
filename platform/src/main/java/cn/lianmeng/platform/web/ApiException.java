package cn.lianmeng.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A client-facing failure with its HTTP status and a Chinese message; rendered as RFC 9457 problem details by
 * {@link ProblemWebExceptionHandler}. Domain code throws these instead of letting a technical exception surface.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final List<FieldProblem> errors;

    public ApiException(HttpStatus status, String code, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", "请求参数校验失败", field + "：" + message,
                List.of(new FieldProblem(field, message)));
    }

    public static ApiException invalid(List<FieldProblem> errors) {
        String detail = errors.stream().map(e -> e.field() + "：" + e.message()).reduce((a, b) -> a + "；" + b).orElse("");
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", "请求参数校验失败", detail, errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "资源不存在", what + "不存在", List.of());
    }

    public static ApiException forbidden() {
        return forbidden("当前角色无权执行此操作");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "无权访问", detail, List.of());
    }

    public static ApiException unauthenticated() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "未登录或登录已过期", "请提供有效的访问令牌", List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", "数据冲突", detail, List.of());
    }

    public static ApiException conflict(String field, String detail) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", "数据冲突", detail, List.of(new FieldProblem(field, detail)));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
