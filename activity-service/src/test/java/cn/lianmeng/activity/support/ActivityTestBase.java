package cn.lianmeng.activity.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.directory.OrgDirectoryListener;
import cn.lianmeng.platform.testing.ServiceTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One shared context for activity-service's integration tests: the in-process MongoDB stand-in, the embedded Kafka
 * broker, test token verification, a settable clock and a fixed check-in code secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lianmeng.activity.checkin-secret=test-checkin-secret-0123456789", "lianmeng.activity.reminders.interval=1h"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 1, topics = {"org.enterprise.v1", "org.enterprise.v1-dlt", "org.organisation.v1", "org.organisation.v1-dlt",
        "org.member.v1", "org.member.v1-dlt", "org.staff.v1", "org.staff.v1-dlt", "org.region.v1", "org.region.v1-dlt",
        "activity.activity.v1", "activity.activity.v1-dlt", "activity.attendance.v1", "org.meeting-settings.v1",
        "org.meeting-settings.v1-dlt"})
@Import(ActivityTestBase.ClockConfiguration.class)
public abstract class ActivityTestBase {

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "activity_test");
    }

    protected static final String API = "/api/activity";

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected OrgDirectoryListener listener;
    @Autowired
    protected MutableClock clock;

    protected OrgEvents events;
    protected World world;

    @BeforeEach
    void worldAndClock() {
        clock.reset();
        events = new OrgEvents(kafka, json, listener);
        world = new World(events);
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected WebTestClient.ResponseSpec get(String token, String uri, Object... vars) {
        WebTestClient.RequestHeadersSpec<?> spec = web.get().uri(API + uri, vars);
        return token == null ? spec.exchange() : spec.header("Authorization", "Bearer " + token).exchange();
    }

    protected WebTestClient.ResponseSpec post(String token, String uri, Object body, Object... vars) {
        WebTestClient.RequestBodySpec spec = web.post().uri(API + uri, vars);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec put(String token, String uri, Object body, Object... vars) {
        WebTestClient.RequestBodySpec spec = web.put().uri(API + uri, vars).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec delete(String token, String uri, Object... vars) {
        WebTestClient.RequestHeadersSpec<?> spec = web.delete().uri(API + uri, vars);
        return token == null ? spec.exchange() : spec.header("Authorization", "Bearer " + token).exchange();
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
        return spec.expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> content(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("content");
    }
}
