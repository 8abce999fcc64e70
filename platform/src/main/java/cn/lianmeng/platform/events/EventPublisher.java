package cn.lianmeng.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/** Sends outbox messages to Kafka as CloudEvents (binary mode); completes when the broker has acknowledged (acks=all). */
public final class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String source;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, String source) {
        this.kafka = kafka;
        this.source = source;
    }

    public Mono<Void> publish(OutboxMessage m) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, m.id().getBytes(UTF_8));
        headers.add(CloudEventHeaders.SOURCE, source.getBytes(UTF_8));
        headers.add(CloudEventHeaders.TYPE, m.type().getBytes(UTF_8));
        headers.add(CloudEventHeaders.TIME, m.time().toString().getBytes(UTF_8));
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, m.key().getBytes(UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(UTF_8));
        if (m.allianceId() != null) {
            headers.add(CloudEventHeaders.ALLIANCE, m.allianceId().getBytes(UTF_8));
        }
        if (m.tenantId() != null) {
            headers.add(CloudEventHeaders.TENANT, m.tenantId().getBytes(UTF_8));
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(m.topic(), null, m.key(), m.payload().getBytes(UTF_8), headers);
        return Mono.fromFuture(() -> kafka.send(record)).then();
    }
}
