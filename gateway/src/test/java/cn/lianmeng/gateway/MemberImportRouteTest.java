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

/** The member .xlsx import path: a 10 MiB upload passes, the long route timeout applies, other member paths keep 1 MiB. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MemberImportRouteTest {

    static final StubServer STUB = StubServer.start();
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

    @Test
    void aTenMebibyteMemberSpreadsheetPassesOnTheImportPathOnly() {
        WebTestClient http = GatewayTestSetup.patient(client);
        String token = TestTokens.token("ent-admin-1", "ent-admin", "tenant-1", "ENTERPRISE_ADMIN");
        byte[] file = new byte[10 * 1024 * 1024 + 32 * 1024];
        Map<String, Object> echo = http.post().uri("/api/org/members/import")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(file)
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(((Number) echo.get("bodyBytes")).longValue()).isEqualTo(file.length);
        http.post().uri("/api/org/members/import")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[11 * 1024 * 1024 + 1])
                .exchange().expectStatus().isEqualTo(413);
        http.post().uri("/api/org/members")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[1024 * 1024 + 1])
                .exchange().expectStatus().isEqualTo(413);

        List<Route> all = routes.getRoutes().collectList().block();
        Route importRoute = all.stream().filter(r -> r.getId().equals("org-member-import")).findFirst().orElseThrow();
        Route org = all.stream().filter(r -> r.getId().equals("org")).findFirst().orElseThrow();
        assertThat(importRoute.getOrder()).isLessThan(org.getOrder());
        assertThat(((Number) importRoute.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR)).longValue()).isGreaterThanOrEqualTo(60_000);
    }
}
