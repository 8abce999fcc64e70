package cn.lianmeng.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.lianmeng.gateway.support.GatewayTestSetup;
import cn.lianmeng.gateway.support.StubServer;
import cn.lianmeng.gateway.support.TestTokens;

/**
 * Services that are down: org-service's port is closed, activity-service has no registered instance (load balancer
 * with an empty registry), content-service's port is closed too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayDownstreamFailureTest {

    static final int CLOSED_PORT = StubServer.closedPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestSetup.routes(registry, "http://127.0.0.1:" + CLOSED_PORT, "lb://activity-service", "http://127.0.0.1:" + CLOSED_PORT);
    }

    @Autowired
    WebTestClient client;

    WebTestClient http() {
        return GatewayTestSetup.patient(client);
    }

    @Test
    void connectionRefusedIsA503Problem() {
        long start = System.nanoTime();
        http().post().uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.title").isEqualTo("服务暂不可用")
                .jsonPath("$.instance").isEqualTo("/api/auth/login")
                .jsonPath("$.requestId").isNotEmpty();
        // connect timeout 2 s + 3 s of slack: refused connections fail fast, they never hang
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void noRegisteredInstanceIsA503Problem() {
        http().get().uri("/api/activity/activities")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isEqualTo("目标服务暂无可用实例，请稍后重试");
    }

    @Test
    void serviceDocsOfAServiceThatIsDownAreA503Problem() {
        http().get().uri("/v3/api-docs/content")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthShowsDownstreamDownWithDetailsPerService() {
        long start = System.nanoTime();
        http().get().uri("/actuator/health")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.downstream.status").isEqualTo("DOWN")
                .jsonPath("$.components.downstream.details.org.status").isEqualTo("DOWN")
                .jsonPath("$.components.downstream.details.activity.status").isEqualTo("DOWN")
                .jsonPath("$.components.downstream.details.content.status").isEqualTo("DOWN")
                .jsonPath("$.components.downstream.details.org.reason").isNotEmpty();
        // services are probed in parallel, 2 s each at most, + 3 s of slack
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
