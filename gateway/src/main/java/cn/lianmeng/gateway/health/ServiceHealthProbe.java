package cn.lianmeng.gateway.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/** Asks one service for its own {@code /actuator/health}; UP only on HTTP 200 with {@code "status":"UP"}. */
public final class ServiceHealthProbe {

    /** A service's health as the gateway sees it. */
    public record Result(boolean up, Map<String, Object> details) {
    }

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final WebClient client;
    private final String target;
    private final Duration timeout;

    public ServiceHealthProbe(WebClient client, String target, Duration timeout) {
        this.client = client;
        this.target = target;
        this.timeout = timeout;
    }

    public Mono<Result> check() {
        return client.get().uri("/actuator/health").accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.bodyToMono(JSON_OBJECT)
                        .defaultIfEmpty(Map.of())
                        .onErrorResume(e -> Mono.just(Map.of()))
                        .map(body -> {
                            Object status = body.get("status");
                            boolean up = response.statusCode().value() == 200 && "UP".equals(status);
                            Map<String, Object> details = details(up ? "UP" : "DOWN");
                            if (!up) {
                                details.put("reason", "HTTP " + response.statusCode().value()
                                        + (status != null ? ", status " + status : ""));
                            }
                            return new Result(up, details);
                        }))
                .timeout(timeout)
                .onErrorResume(e -> {
                    Map<String, Object> details = details("DOWN");
                    details.put("reason", e instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms" : describe(e));
                    return Mono.just(new Result(false, details));
                });
    }

    private Map<String, Object> details(String status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", status);
        details.put("target", target);
        return details;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }
}
