package cn.lianmeng.gateway;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.AfterAll;
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

/** Small buckets that barely refill, so the limits trip deterministically. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RateLimitTest {

    static final StubServer STUB = StubServer.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestSetup.routesTo(registry, STUB);
        registry.add("lianmeng.gateway.rate-limit.login-per-ip.capacity", () -> "3");
        registry.add("lianmeng.gateway.rate-limit.login-per-ip.refill-tokens", () -> "1");
        registry.add("lianmeng.gateway.rate-limit.login-per-ip.refill-period", () -> "10m");
        registry.add("lianmeng.gateway.rate-limit.apply-per-ip.capacity", () -> "2");
        registry.add("lianmeng.gateway.rate-limit.apply-per-ip.refill-tokens", () -> "1");
        registry.add("lianmeng.gateway.rate-limit.apply-per-ip.refill-period", () -> "10m");
        registry.add("lianmeng.gateway.rate-limit.per-user.capacity", () -> "5");
        registry.add("lianmeng.gateway.rate-limit.per-user.refill-tokens", () -> "1");
        registry.add("lianmeng.gateway.rate-limit.per-user.refill-period", () -> "1h");
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
    void loginIsLimitedPerClientIp() {
        for (int i = 0; i < 3; i++) {
            login().expectStatus().isOk();
        }
        int before = STUB.requestCount();
        login().expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isBetween(1L, 600L))
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.title").isEqualTo("请求过于频繁")
                .jsonPath("$.instance").isEqualTo("/api/auth/login");
        assertThat(STUB.requestCount()).isEqualTo(before);
        // other public paths are not affected by the login bucket
        http().get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
    }

    @Test
    void apiCallsAreLimitedPerUser() {
        String alice = TestTokens.token("acc-alice", "alice", "t1", "MEMBER");
        String bob = TestTokens.token("acc-bob", "bob", "t1", "MEMBER");
        for (int i = 0; i < 5; i++) {
            call(alice).expectStatus().isOk();
        }
        call(alice).expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isBetween(1L, 3600L))
                .expectBody().jsonPath("$.status").isEqualTo(429);
        // a different user has a bucket of their own
        call(bob).expectStatus().isOk();
    }

    @Test
    void publicOnboardingApplicationsAreLimitedPerClientIpInTheirOwnBucket() {
        for (int i = 0; i < 2; i++) {
            apply().expectStatus().isOk();
        }
        int before = STUB.requestCount();
        apply().expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isBetween(1L, 600L))
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).startsWith("入盟申请提交过于频繁"))
                .jsonPath("$.instance").isEqualTo("/api/org/onboarding/applications");
        assertThat(STUB.requestCount()).as("the refused application never reaches org-service").isEqualTo(before);
        // reading one's applications with a token is not in this bucket
        http().get().uri("/api/org/onboarding/applications")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token("acc-carol", "carol", "t1", "ALLIANCE_ADMIN"))
                .exchange().expectStatus().isOk();
    }

    @Test
    void healthIsNotRateLimited() {
        for (int i = 0; i < 10; i++) {
            http().get().uri("/actuator/health").exchange().expectStatus().isOk();
        }
    }

    private WebTestClient.ResponseSpec login() {
        return http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"u\",\"password\":\"p\"}").exchange();
    }

    private WebTestClient.ResponseSpec apply() {
        return http().post().uri("/api/org/onboarding/applications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"enterpriseName\":\"申请企业\"}").exchange();
    }

    private WebTestClient.ResponseSpec call(String token) {
        return http().get().uri("/api/org/enterprises").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
