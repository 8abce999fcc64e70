package cn.lianmeng.gateway.errors;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An error the gateway answers itself with a known status and a Chinese message. Feature code throws a subclass;
 * {@link ProblemMapper} turns it into problem details without knowing the feature.
 */
public class GatewayProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String problemType;
    private final String title;
    private final String detail;
    private final Map<String, String> headers;

    public GatewayProblemException(HttpStatus status, String problemType, String title, String detail,
            Map<String, String> headers) {
        super(status.value() + " " + detail, null, false, false);
        this.status = status;
        this.problemType = problemType;
        this.title = title;
        this.detail = detail;
        this.headers = Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public String problemType() {
        return problemType;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
