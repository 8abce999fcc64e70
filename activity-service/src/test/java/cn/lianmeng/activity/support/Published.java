package cn.lianmeng.activity.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

/** Reads what activity-service published to a topic (from the beginning, own consumer group). */
public final class Published implements AutoCloseable {

    public record Event(String key, String type, String tenantId, String allianceId, Map<String, Object> body) {
    }

    private final Consumer<String, byte[]> consumer;
    private final JsonMapper json;
    private final List<Event> seen = new ArrayList<>();

    public Published(EmbeddedKafkaBroker broker, JsonMapper json, String topic) {
        this.json = json;
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "probe-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        this.consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer()).createConsumer();
        broker.consumeFromAnEmbeddedTopic(consumer, topic);
    }

    /** Waits until the events matching {@code filter} number exactly {@code count} (and answers them). */
    public List<Event> await(Predicate<Event> filter, int count) {
        List<Event> matching = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            poll();
            matching.clear();
            seen.stream().filter(filter).forEach(matching::add);
            org.assertj.core.api.Assertions.assertThat(matching).hasSize(count);
        });
        return List.copyOf(matching);
    }

    @SuppressWarnings("unchecked")
    private void poll() {
        for (ConsumerRecord<String, byte[]> r : KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300))) {
            seen.add(new Event(r.key(), header(r, "ce_type"), header(r, "tenantid"), header(r, "allianceid"),
                    json.readValue(r.value(), Map.class)));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
