package cn.lianmeng.gateway.limits;

import java.util.Map;

import org.springframework.http.HttpStatus;

import cn.lianmeng.gateway.errors.GatewayProblemException;
import cn.lianmeng.gateway.errors.Problem;

/** 413: the request body is larger than the cap of its path. */
public class PayloadTooLargeException extends GatewayProblemException {

    public PayloadTooLargeException(long maxBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, Problem.TYPE_PREFIX + "payload-too-large", "请求体过大",
                "请求体超过上限 " + BodyLimits.describe(maxBytes), Map.of());
    }
}
