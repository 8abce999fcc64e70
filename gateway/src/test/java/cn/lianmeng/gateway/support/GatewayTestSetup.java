package cn.lianmeng.gateway.support;

import java.time.Duration;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The wiring every gateway test shares: no registry, test-key token checks, routes pointed at given targets. */
public final class GatewayTestSetup {

    private GatewayTestSetup() {
    }

    /** Routes org, activity and content to the given URIs (a stub server, a closed port, or {@code lb://…}). */
    public static void routes(DynamicPropertyRegistry registry, String org, String activity, String content) {
        registry.add("eureka.client.enabled", () -> "false");
        registry.add("lianmeng.security.jwt.public-key", TestTokens::publicKeyPem);
        registry.add("lianmeng.gateway.services.org", () -> org);
        registry.add("lianmeng.gateway.services.activity", () -> activity);
        registry.add("lianmeng.gateway.services.content", () -> content);
    }

    /** All three routes to one stub server. */
    public static void routesTo(DynamicPropertyRegistry registry, StubServer stub) {
        routes(registry, stub.baseUrl(), stub.baseUrl(), stub.baseUrl());
    }

    /** A client that waits long enough for the slow-downstream and timeout cases. */
    public static WebTestClient patient(WebTestClient client) {
        return client.mutate().responseTimeout(Duration.ofSeconds(20)).build();
    }
}
