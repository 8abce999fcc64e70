package cn.lianmeng.org;

import java.util.Map;

import cn.lianmeng.org.enterprise.CreditCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Small helpers for driving org-service through its public HTTP API in tests. */
public final class Api {

    private static int sequence = 0;

    private Api() {
    }

    /** The test context: shared stand-ins, and org-service signing with the test key so TestTokens verify too. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        cn.lianmeng.platform.testing.ServiceTestSupport.register(registry, "org_it");
        registry.add("lianmeng.jwt.private-key", cn.lianmeng.platform.testing.TestTokens::privateKeyPem);
        registry.add("lianmeng.jwt.public-key", cn.lianmeng.platform.testing.TestTokens::publicKeyPem);
    }

    public static String login(WebTestClient web, String username, String password) {
        Map<?, ?> body = web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return body.get("accessToken").toString();
    }

    public static synchronized String newCreditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        long v = System.nanoTime() + (++sequence) * 104_729L;
        StringBuilder s = new StringBuilder("91310115MA");
        for (int i = 0; i < 7; i++) {
            s.append(alphabet.charAt((int) (Math.abs(v) % 31)));
            v /= 31;
        }
        return CreditCode.withCheck(s.toString());
    }

    public static Map<String, Object> enterprise(String name, String creditCode) {
        return Map.of("name", name, "creditCode", creditCode, "district", "浦东新区", "street", "张江镇",
                "industry", "软件和信息技术服务业", "staffCount", 120, "type", "PRIVATE", "contactPhone", "13812345678");
    }

    public static WebTestClient.ResponseSpec post(WebTestClient web, String token, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = web.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.bodyValue(body).exchange();
    }

    public static WebTestClient.ResponseSpec get(WebTestClient web, String token, String uri) {
        WebTestClient.RequestHeadersSpec<?> spec = web.get().uri(uri);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.exchange();
    }

    public static WebTestClient.ResponseSpec put(WebTestClient web, String token, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = web.put().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.bodyValue(body).exchange();
    }
}
