package cn.lianmeng.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.lianmeng.gateway.support.GatewayTestSetup;
import cn.lianmeng.gateway.support.StubServer;
import cn.lianmeng.gateway.support.TestTokens;
import reactor.core.publisher.Flux;

/** The gateway in front of a live stub downstream that echoes what it received. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class GatewayRoutingTest {

    static final StubServer STUB = StubServer.start();
    static final int ONE_MIB = 1024 * 1024;
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestSetup.routesTo(registry, STUB);
        // a short response timeout on one route only, to observe 504 without slowing the others
        registry.add("lianmeng.gateway.route-timeouts.content.response", () -> "1s");
        registry.add("lianmeng.gateway.body-limits.paths[/api/content/uploads/**]", () -> "2MB");
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
    void loginIsPublicAndReachesOrgService() {
        Map<String, Object> echo = http().post().uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"admin\",\"password\":\"secret\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(echo).containsEntry("path", "/api/auth/login").containsEntry("method", "POST");
    }

    @Test
    void jwksIsPublic() {
        http().get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
    }

    @Test
    void protectedRouteWithoutTokenIsA401Problem() {
        int before = STUB.requestCount();
        http().get().uri("/api/org/enterprises")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("未认证")
                .jsonPath("$.detail").isEqualTo("缺少访问令牌，请先登录")
                .jsonPath("$.instance").isEqualTo("/api/org/enterprises")
                .jsonPath("$.requestId").isNotEmpty();
        assertThat(STUB.requestCount()).isEqualTo(before);
    }

    @Test
    void theActivityCalendarFeedIsPublicButNothingElseOfTheCalendar() {
        Map<String, Object> echo = http().get().uri("/api/activity/calendar/feeds/s3cr3t-token-0123456789.ics").exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(echo).containsEntry("path", "/api/activity/calendar/feeds/s3cr3t-token-0123456789.ics");
        http().get().uri("/api/activity/calendar/feed").exchange().expectStatus().isUnauthorized();
        http().get().uri("/api/activity/calendar/feeds/x/y.ics").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void loginWithGetIsNotPublic() {
        http().get().uri("/api/auth/login").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void invalidTokensAreRejectedWith401() {
        for (String token : new String[] { "not-a-jwt", TestTokens.expiredToken(), TestTokens.tokenSignedByAnotherKey(),
                TestTokens.tokenWithIssuer("someone-else") }) {
            http().get().uri("/api/activity/activities")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).startsWith("Bearer"))
                    .expectBody().jsonPath("$.status").isEqualTo(401);
        }
    }

    @Test
    void validTokenIsProxiedWithAuthorizationAndQuery() {
        String token = TestTokens.memberToken();
        Map<String, Object> echo = http().get().uri("/api/activity/activities?page=2&size=10")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(echo).containsEntry("path", "/api/activity/activities").containsEntry("query", "page=2&size=10");
        assertThat(headers(echo)).containsEntry("authorization", "Bearer " + token);
    }

    @Test
    void clientSentInternalHeadersNeverReachDownstream() {
        Map<String, Object> echo = http().post().uri("/api/content/articles")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .header("X-Tenant-Id", "tenant-evil")
                .header("X-User-Id", "someone-else")
                .header("x-user-roles", "PLATFORM_ADMIN")
                .header("X-Scope-Orgs", "all")
                .header("X-Internal-Call", "true")
                .header("X-Caller-Service", "org-service")
                .header("X-Forwarded-User", "root")
                .header("X-Custom", "kept")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(headers(echo).keySet())
                .noneMatch(h -> h.startsWith("x-tenant-") || h.startsWith("x-user-") || h.startsWith("x-scope-")
                        || h.startsWith("x-internal-") || h.startsWith("x-caller-") || h.startsWith("x-forwarded-user"));
        assertThat(headers(echo)).containsEntry("x-custom", "kept");
    }

    @Test
    void requestIdIsGeneratedAndPropagated() {
        var result = http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult();
        String responseId = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(responseId).matches("[0-9a-f-]{36}");
        assertThat(headers(result.getResponseBody())).containsEntry("x-request-id", responseId);
    }

    @Test
    void saneClientRequestIdIsKeptAndInsaneOneReplaced() {
        var kept = http().post().uri("/api/auth/login").header("X-Request-Id", "client-abc.123_X")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "client-abc.123_X")
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(headers(kept)).containsEntry("x-request-id", "client-abc.123_X");

        String insane = "bad id with spaces;" + "x".repeat(80);
        var replaced = http().post().uri("/api/auth/login").header("X-Request-Id", insane)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult();
        String id = replaced.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(id).isNotEqualTo(insane).matches("[0-9a-f-]{36}");
        assertThat(headers(replaced.getResponseBody())).containsEntry("x-request-id", id);
    }

    @Test
    void bodyOfExactlyOneMibPasses() {
        Map<String, Object> echo = http().post().uri("/api/content/articles")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[ONE_MIB])
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(((Number) echo.get("bodyBytes")).longValue()).isEqualTo(ONE_MIB);
    }

    @Test
    void bodyOverOneMibByContentLengthIsA413Problem() {
        int before = STUB.requestCount();
        http().post().uri("/api/content/articles")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[ONE_MIB + 1])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.title").isEqualTo("请求体过大")
                .jsonPath("$.detail").isEqualTo("请求体超过上限 1 MiB");
        assertThat(STUB.requestCount()).isEqualTo(before);
    }

    @Test
    void chunkedBodyOverOneMibIsA413Problem() {
        http().post().uri("/api/content/articles")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(ONE_MIB + 1), DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);
    }

    @Test
    void chunkedBodyUnderTheLimitPasses() {
        Map<String, Object> echo = http().post().uri("/api/content/articles")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(ONE_MIB), DataBuffer.class)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(headers(echo)).doesNotContainKey("content-length");
        assertThat(((Number) echo.get("bodyBytes")).longValue()).isEqualTo(ONE_MIB);
    }

    @Test
    void aConfiguredPathHasItsOwnLargerLimit() {
        http().post().uri("/api/content/uploads/video")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[ONE_MIB + 1])
                .exchange()
                .expectStatus().isOk();
        http().post().uri("/api/content/uploads/video")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(2 * ONE_MIB + 1), DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.detail").isEqualTo("请求体超过上限 2 MiB");
    }

    @Test
    void slowDownstreamIsA504ProblemWithinTheRouteTimeout() {
        long start = System.nanoTime();
        http().get().uri("/api/content/slow?sleepMs=8000")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.title").isEqualTo("服务响应超时")
                .jsonPath("$.instance").isEqualTo("/api/content/slow");
        // route timeout 1 s + 3 s of slack for a loaded machine, well below the stub's 8 s
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void otherRoutesKeepTheGlobalTimeout() {
        http().get().uri("/api/activity/slow?sleepMs=1500")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void unknownRouteIsA404Problem() {
        http().get().uri("/api/nowhere/at-all")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo("资源不存在")
                .jsonPath("$.instance").isEqualTo("/api/nowhere/at-all")
                .jsonPath("$.requestId").isNotEmpty();
        // outside the routed /api prefix there is nothing to protect: no route is simply 404, token or not
        http().get().uri("/no-such-page")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // under /api a token is still required before anything else is said
        http().get().uri("/api/nowhere/at-all").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void wrongMethodOnAGatewayEndpointIsA405Problem() {
        http().post().uri("/actuator/health")
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(405);
    }

    @Test
    void gatewayActuatorNeedsPlatformAdmin() {
        http().get().uri("/actuator/gateway/routes")
                .exchange()
                .expectStatus().isUnauthorized();
        http().get().uri("/actuator/gateway/routes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.memberToken())
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.title").isEqualTo("无权访问");
        http().get().uri("/actuator/gateway/routes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token("acc-admin", "platform", null, "PLATFORM_ADMIN"))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"org\"", "activity-api-docs"));
    }

    @Test
    void swaggerUiConfigListsTheThreeServiceDocs() {
        Map<String, Object> config = http().get().uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, String>> urls = (List<Map<String, String>>) config.get("urls");
        assertThat(urls).extracting(u -> u.get("url"))
                .containsExactlyInAnyOrder("/v3/api-docs/org", "/v3/api-docs/activity", "/v3/api-docs/content");
        String location = http().get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        http().get().uri(location).exchange().expectStatus().isOk();
        http().get().uri("/webjars/swagger-ui/swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(js -> assertThat(js).contains("/v3/api-docs/swagger-config"));
    }

    @Test
    void serviceDocsAreRoutedToEachServicesApiDocs() {
        for (String service : new String[] { "org", "activity", "content" }) {
            Map<String, Object> echo = http().get().uri("/v3/api-docs/" + service)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(JSON).returnResult().getResponseBody();
            assertThat(echo).containsEntry("path", "/v3/api-docs");
        }
    }

    @Test
    void healthIsPublicAndUpWhenEveryServiceIsUp() {
        http().get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.downstream.status").isEqualTo("UP")
                .jsonPath("$.components.downstream.details.org.status").isEqualTo("UP")
                .jsonPath("$.components.downstream.details.activity.status").isEqualTo("UP")
                .jsonPath("$.components.downstream.details.content.status").isEqualTo("UP");
    }

    @Test
    void everyRequestWritesOneAccessLogLine(CapturedOutput output) {
        String token = TestTokens.token("acc-42", "zhangsan", "tenant-7", "MEMBER");
        http().get().uri("/api/org/members/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Request-Id", "log-check-1")
                .exchange()
                .expectStatus().isOk();
        http().get().uri("/api/org/members/me").header("X-Request-Id", "log-check-2")
                .exchange()
                .expectStatus().isUnauthorized();
        http().get().uri("/actuator/gateway/routes").header("X-Request-Id", "log-check-3")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isForbidden();
        // the line is written when the response completes, which may be just after the client has read it
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(output.getOut()).containsOnlyOnce("requestId=log-check-1 method=GET path=/api/org/members/me status=200 latencyMs=");
            assertThat(output.getOut()).containsPattern(
                    "requestId=log-check-1 .* user=zhangsan tenant=tenant-7 clientIp=(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)");
            assertThat(output.getOut()).containsPattern("requestId=log-check-2 .* user=- tenant=- clientIp=");
            assertThat(output.getOut()).containsPattern("requestId=log-check-3 .* status=403 .* user=zhangsan tenant=tenant-7 ");
            assertThat(output.getOut()).containsOnlyOnce("requestId=log-check-2 method=GET path=/api/org/members/me status=401 latencyMs=");
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> headers(Map<String, Object> echo) {
        return (Map<String, String>) echo.get("headers");
    }

    /** A body without Content-Length, sent chunked in 64 KiB pieces. */
    static Flux<DataBuffer> chunks(int total) {
        int chunk = 64 * 1024;
        return Flux.range(0, (total + chunk - 1) / chunk)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[Math.min(chunk, total - i * chunk)]));
    }
}
