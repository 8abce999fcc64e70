package cn.lianmeng.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.lianmeng.gateway.support.GatewayTestSetup;
import cn.lianmeng.gateway.support.StubServer;
import cn.lianmeng.gateway.support.TestTokens;

/** The public onboarding application, and the .xlsx import path with its 10 MiB body and long timeout. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OrgImportAndOnboardingRoutesTest {

    static final StubServer STUB = StubServer.start();
    static final int TEN_MIB = 10 * 1024 * 1024;
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestSetup.routesTo(registry, STUB);
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @Autowired
    WebTestClient client;
    @Autowired
    RouteLocator routes;

    WebTestClient http() {
        return GatewayTestSetup.patient(client);
    }

    @Test
    void anOnboardingApplicationNeedsNoTokenButListingDoes() {
        Map<String, Object> echo = http().post().uri("/api/org/onboarding/applications")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"allianceCode\":\"pujiang\"}")
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(echo).containsEntry("path", "/api/org/onboarding/applications").containsEntry("method", "POST");
        http().get().uri("/api/org/onboarding/applications").exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/org/onboarding/applications/abc/approve").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aTenMebibyteSpreadsheetPassesOnTheImportPathOnly() {
        String token = TestTokens.token("admin-1", "admin", null, "ALLIANCE_ADMIN");
        byte[] file = new byte[TEN_MIB + 32 * 1024]; // the file plus multipart framing
        Map<String, Object> echo = http().post().uri("/api/org/enterprises/import")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(file)
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(((Number) echo.get("bodyBytes")).longValue()).isEqualTo(file.length);
        http().post().uri("/api/org/enterprises/import")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[11 * 1024 * 1024 + 1])
                .exchange().expectStatus().isEqualTo(413);
        http().post().uri("/api/org/enterprises")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[1024 * 1024 + 1])
                .exchange().expectStatus().isEqualTo(413);
    }

    @Test
    void theImportRouteWaitsLongerThanTheGlobalTimeout() {
        List<Route> all = routes.getRoutes().collectList().block();
        Route importRoute = all.stream().filter(r -> r.getId().equals("org-enterprise-import")).findFirst().orElseThrow();
        Route org = all.stream().filter(r -> r.getId().equals("org")).findFirst().orElseThrow();
        assertThat(importRoute.getOrder()).isLessThan(org.getOrder());
        Object timeout = importRoute.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        assertThat(timeout).isInstanceOf(Number.class);
        assertThat(((Number) timeout).longValue()).isGreaterThanOrEqualTo(60_000);
        assertThat(importRoute.getUri().toString()).isEqualTo(STUB.baseUrl());
    }
}
