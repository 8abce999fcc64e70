package cn.lianmeng.gateway.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem the gateway answers, plus the response headers that go with it.
 *
 * @param type     {@code about:blank} or {@code https://lianmeng.cn/problems/<code>}
 * @param title    short Chinese summary
 * @param status   HTTP status
 * @param detail   Chinese explanation for this occurrence
 * @param headers  extra response headers (e.g. {@code Retry-After}, {@code WWW-Authenticate}, {@code Allow})
 */
public record Problem(String type, String title, int status, String detail, Map<String, String> headers) {

    public static final String ABOUT_BLANK = "about:blank";
    public static final String TYPE_PREFIX = "https://lianmeng.cn/problems/";

    public Problem {
        headers = Map.copyOf(headers);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(ABOUT_BLANK, title, status, detail, Map.of());
    }

    public Problem withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Problem(type, title, status, detail, copy);
    }

    /** The JSON body, in the field order of the contract. */
    public Map<String, Object> body(String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }
}
