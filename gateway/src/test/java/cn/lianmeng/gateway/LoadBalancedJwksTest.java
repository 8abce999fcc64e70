package cn.lianmeng.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.lianmeng.gateway.support.GatewayTestSetup;
import cn.lianmeng.gateway.support.StubServer;
import cn.lianmeng.gateway.support.TestTokens;

/**
 * The production configuration: {@code lb://} routes and the JWK set of org-service fetched through the load-balanced
 * client. Eureka is replaced by the simple discovery client listing the stub as every service's instance; no public
 * key is configured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LoadBalancedJwksTest {

    static final StubServer STUB = StubServer.start();
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eureka.client.enabled", () -> "false");
        for (String service : new String[] { "org-service", "activity-service", "content-service" }) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", STUB::baseUrl);
        }
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @Autowired
    WebTestClient client;

    WebTestClient http() {
        return GatewayTestSetup.patient(client);
    }

    @Test
    void verifiesTokensWithTheJwkSetFetchedLazilyThroughTheLoadBalancer() {
        String token = TestTokens.memberToken();

        // org-service not ready yet: the gateway is up, but cannot verify tokens -> 503, not 500 or 401
        STUB.answer("/.well-known/jwks.json", 503, "{\"status\":503}");
        http().get().uri("/api/activity/activities")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(503);

        // org-service up: the next request fetches the key set and is proxied through lb://activity-service
        STUB.answer("/.well-known/jwks.json", 200, TestTokens.jwkSetJson());
        Map<String, Object> echo = http().get().uri("/api/activity/activities")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(echo).containsEntry("path", "/api/activity/activities");

        http().get().uri("/api/org/enterprises")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.tokenSignedByAnotherKey())
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void healthAsksEachServiceThroughTheLoadBalancer() {
        http().get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.downstream.status").isEqualTo("UP")
                .jsonPath("$.components.downstream.details.org.target").isEqualTo("lb://org-service");
    }
}
