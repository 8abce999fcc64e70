package cn.lianmeng.content.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.platform.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Events as org-service and activity-service send them: CloudEvents headers (binary mode) like EventPublisher writes. */
public final class Events {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    public Events(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    public record Sent(String id, String topic, String type, String key, String allianceId, String tenantId, byte[] body) {
    }

    public Sent event(String topic, String type, String key, String allianceId, String tenantId, Map<String, ?> body) {
        return new Sent(UUID.randomUUID().toString(), topic, type, key, allianceId, tenantId, json.writeValueAsBytes(body));
    }

    /** Sends through the broker and waits for the acknowledgement. */
    public Sent publish(Sent e) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(e.topic(), e.key(), e.body());
        headers(record.headers(), e);
        kafka.send(record).join();
        return e;
    }

    /** The same event as a consumed record, for calling a listener bean directly. */
    public static ConsumerRecord<String, byte[]> record(Sent e) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(e.topic(), 0, 0L, e.key(), e.body());
        headers(record.headers(), e);
        return record;
    }

    private static void headers(Headers h, Sent e) {
        h.add(CloudEventHeaders.ID, e.id().getBytes(UTF_8));
        h.add(CloudEventHeaders.SOURCE, "/lianmeng/test".getBytes(UTF_8));
        h.add(CloudEventHeaders.TYPE, e.type().getBytes(UTF_8));
        h.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(UTF_8));
        h.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8));
        h.add(CloudEventHeaders.SUBJECT, e.key().getBytes(UTF_8));
        h.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(UTF_8));
        if (e.allianceId() != null) {
            h.add(CloudEventHeaders.ALLIANCE, e.allianceId().getBytes(UTF_8));
        }
        if (e.tenantId() != null) {
            h.add(CloudEventHeaders.TENANT, e.tenantId().getBytes(UTF_8));
        }
    }
}
