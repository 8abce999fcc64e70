package cn.lianmeng.platform.events;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * An event waiting in its aggregate's {@code outbox} array. It is written in the same single-document update as the
 * state change it describes and removed once the broker has acknowledged it.
 *
 * @param payload the event body, JSON, owned and versioned by the producing service
 */
public record OutboxMessage(String id, String topic, String key, String type, Instant time, String allianceId,
                            String tenantId, String payload) {

    public static final String FIELD = "outbox";

    public Document toDocument() {
        return new Document("id", id).append("topic", topic).append("key", key).append("type", type)
                .append("time", Date.from(time)).append("allianceId", allianceId).append("tenantId", tenantId)
                .append("payload", payload);
    }

    public static OutboxMessage fromDocument(Document d) {
        return new OutboxMessage(d.getString("id"), d.getString("topic"), d.getString("key"), d.getString("type"),
                d.getDate("time").toInstant(), d.getString("allianceId"), d.getString("tenantId"), d.getString("payload"));
    }
}
