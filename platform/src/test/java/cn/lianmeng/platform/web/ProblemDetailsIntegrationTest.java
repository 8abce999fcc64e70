package cn.lianmeng.platform.web;

import java.util.Map;

import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.PlatformIntegrationTest;
import cn.lianmeng.platform.testing.ServiceTestSupport;
import cn.lianmeng.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bad input gets a clear 4xx problem-details answer naming the field — never a 500. */
@PlatformIntegrationTest
class ProblemDetailsIntegrationTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "platform_problems");
    }

    @Autowired
    WebTestClient web;

    private final String admin = TestTokens.enterpriseAdmin("a1", "t1");

    private WebTestClient.ResponseSpec post(String body) {
        return web.post().uri("/api/test/things").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void validationErrorsNameTheFields() {
        post("{\"name\":\"\",\"count\":0}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.title").isEqualTo("请求参数校验失败")
                .jsonPath("$.errors[?(@.field == 'name')].message").isEqualTo("不能为空")
                .jsonPath("$.errors[?(@.field == 'count')]").exists()
                .jsonPath("$.instance").isEqualTo("/api/test/things")
                .jsonPath("$.requestId").exists();
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        post("{\"name\": ").expectStatus().isBadRequest().expectBody().jsonPath("$.status").isEqualTo(400);
        post("{\"name\":\"x\",\"count\":\"many\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("count");
    }

    @Test
    void operatorKeysAreRejectedBeforeAnyHandler() {
        post("{\"name\":\"x\",\"count\":1,\"$where\":\"sleep(1000)\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("$where");
        post("{\"name\":\"x\",\"count\":1,\"meta\":{\"a.b\":1}}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("a.b");
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\",\"count\":1}";
        post(big).expectStatus().isEqualTo(413).expectBody().jsonPath("$.status").isEqualTo(413);
    }

    @Test
    void unknownRoutesWrongMethodsAndMediaTypesAreProblems() {
        web.get().uri("/api/test/nowhere").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.delete().uri("/api/test/things").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isEqualTo(405).expectBody().jsonPath("$.status").isEqualTo(405);
        web.post().uri("/api/test/things").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange()
                .expectStatus().isEqualTo(415);
    }

    @Test
    void rolesAndForcedPasswordChangeAreEnforced() {
        web.post().uri("/api/test/things").header("Authorization", "Bearer " + TestTokens.member("a1", "t1"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "count", 1)).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.status").isEqualTo(403);
        String mustChange = TestTokens.user("new-admin").alliance("a1").tenant("t1").roles(Role.ENTERPRISE_ADMIN)
                .passwordChangeRequired().token();
        web.post().uri("/api/test/things").header("Authorization", "Bearer " + mustChange)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "count", 1)).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions
                        .assertThat(d.toString()).contains("修改初始密码"));
        web.post().uri("/api/test/things").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "count", 1))
                .exchange().expectStatus().isUnauthorized().expectHeader().valueEquals("WWW-Authenticate", "Bearer");
    }

    @Test
    void requestIdsAreKeptWhenSaneAndReplacedOtherwise() {
        web.get().uri("/actuator/health").header("X-Request-Id", "abc-123").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Request-Id", "abc-123");
        web.get().uri("/actuator/health").header("X-Request-Id", "bad id with spaces").exchange()
                .expectHeader().value("X-Request-Id", v -> org.assertj.core.api.Assertions.assertThat(v).hasSize(36));
    }
}
