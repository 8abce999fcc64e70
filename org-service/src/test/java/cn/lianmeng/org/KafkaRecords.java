package cn.lianmeng.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Reading what org-service published to the embedded broker, in tests. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /**
     * The records on {@code topic} with key {@code key} from the beginning, waiting (up to 15 s) until {@code expected}
     * have arrived, plus any beyond that are already there.
     */
    public static List<ConsumerRecord<String, byte[]>> withKey(EmbeddedKafkaBroker broker, String topic, String key, int expected) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "org-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, topic);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine).hasSizeGreaterThanOrEqualTo(expected);
            });
            // anything beyond the expected count that is already there
            KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300)).forEach(r -> {
                if (key.equals(r.key())) {
                    mine.add(r);
                }
            });
        }
        return mine;
    }
}
