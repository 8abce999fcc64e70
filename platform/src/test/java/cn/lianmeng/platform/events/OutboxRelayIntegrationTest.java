package cn.lianmeng.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.testing.PlatformIntegrationTest;
import cn.lianmeng.platform.testing.ServiceTestSupport;
import cn.lianmeng.platform.testing.TestTokens;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** State change and event are one document write; the relay publishes CloudEvents and empties the outbox. */
@PlatformIntegrationTest
class OutboxRelayIntegrationTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "platform_outbox");
    }

    @Autowired
    WebTestClient web;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MongoAccess mongo;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;

    private Consumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "outbox-test-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer()).createConsumer();
        broker.consumeFromAnEmbeddedTopic(consumer, "test.thing.v1");
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    private List<ConsumerRecord<String, byte[]>> recordsFor(String key) {
        KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(seen::add);
        return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), UTF_8);
    }

    @Test
    void aWriteThroughTheApiIsPublishedAsACloudEventAndLeavesTheOutbox() {
        String id = web.post().uri("/api/test/things").header("Authorization", "Bearer " + TestTokens.enterpriseAdmin("a1", "t1"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "事物", "count", 2)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).hasSize(1));
        ConsumerRecord<String, byte[]> r = recordsFor(id).get(0);
        assertThat(header(r, CloudEventHeaders.TYPE)).isEqualTo("ThingCreated");
        assertThat(header(r, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(r, CloudEventHeaders.SOURCE)).isEqualTo("/lianmeng/platform-test");
        assertThat(header(r, CloudEventHeaders.TENANT)).isEqualTo("t1");
        assertThat(header(r, CloudEventHeaders.ALLIANCE)).isEqualTo("a1");
        assertThat(r.headers().lastHeader(CloudEventHeaders.ID)).isNotNull();
        assertThat(new String(r.value(), UTF_8)).contains("\"thingId\":\"" + id + "\"");

        ScopedCollection things = mongo.collection("things", ScopeRule.tenantOwned());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                things.findById(Scope.system("a1", "t1"), id).block().getList("outbox", Document.class)).isEmpty());
    }

    @Test
    void theSweepPublishesWhatTheFastPathLeftBehindInOrder() {
        ScopedCollection things = mongo.collection("things", ScopeRule.tenantOwned());
        String id = "left-behind-" + System.nanoTime();
        Scope scope = Scope.system("a1", "t1");
        OutboxMessage first = outbox.message("test.thing.v1", "ThingCreated", id, "a1", "t1", Map.of("version", 1));
        OutboxMessage second = outbox.message("test.thing.v1", "ThingRenamed", id, "a1", "t1", Map.of("version", 2));
        things.insert(scope, Outbox.withOutbox(new Document("_id", id).append("allianceId", "a1").append("tenantId", "t1"), first)).block();
        things.updateOne(scope, Filters.eq("_id", id), Outbox.push(second)).block();
        // no relaySoon: only the periodic sweep can find these (the test app registered "things" with the relay)

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).hasSize(2));
        assertThat(recordsFor(id)).extracting(r -> header(r, CloudEventHeaders.TYPE)).containsExactly("ThingCreated", "ThingRenamed");
        assertThat(relay.sweep().block()).isNotNull();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                things.findById(scope, id).block().getList("outbox", Document.class)).isEmpty());
    }
}
