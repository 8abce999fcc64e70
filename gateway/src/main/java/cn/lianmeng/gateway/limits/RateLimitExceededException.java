package cn.lianmeng.gateway.limits;

import java.util.Map;

import org.springframework.http.HttpStatus;

import cn.lianmeng.gateway.errors.GatewayProblemException;
import cn.lianmeng.gateway.errors.Problem;

/** 429 with {@code Retry-After} in whole seconds. */
public class RateLimitExceededException extends GatewayProblemException {

    public RateLimitExceededException(long retryAfterSeconds, String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, Problem.TYPE_PREFIX + "rate-limited", "请求过于频繁",
                detail + "，请在 " + retryAfterSeconds + " 秒后重试", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}
