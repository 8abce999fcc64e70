package cn.lianmeng.content.support;

import java.util.Map;

import cn.lianmeng.platform.testing.ServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Base of content-service's integration tests: one shared application context, HTTP helpers. */
@ContentIntegrationTest
public abstract class ContentTestBase {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "content_main_it");
    }

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected World world;

    protected WebTestClient.ResponseSpec get(String token, String uri, Object... vars) {
        WebTestClient.RequestHeadersSpec<?> spec = web.get().uri(uri, vars);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.exchange();
    }

    protected WebTestClient.ResponseSpec post(String token, String uri, Object body, Object... vars) {
        WebTestClient.RequestBodySpec spec = web.post().uri(uri, vars);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec put(String token, String uri, Object body, Object... vars) {
        WebTestClient.RequestBodySpec spec = web.put().uri(uri, vars).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
        return spec.expectBody(Map.class).returnResult().getResponseBody();
    }
}
