package cn.lianmeng.platform.events;

import java.time.Clock;
import java.util.UUID;

import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.json.JsonMapper;

/** Builds outbox messages and the update fragments that put them into an aggregate document. */
public final class Outbox {

    private final JsonMapper json;
    private final Clock clock;

    public Outbox(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * A new event for the outbox.
     *
     * @param topic   {@code <producer>.<aggregate>.v1}
     * @param type    past-tense fact, e.g. {@code EnterpriseOnboarded}
     * @param key     the aggregate id (keeps per-aggregate order on one partition)
     * @param data    the body; serialised to JSON now, so the stored event is immutable
     */
    public OutboxMessage message(String topic, String type, String key, String allianceId, String tenantId, Object data) {
        return new OutboxMessage(UUID.randomUUID().toString(), topic, key, type, clock.instant(), allianceId, tenantId,
                json.writeValueAsString(data));
    }

    /** The update fragment that appends the message in the same write as the state change. */
    public static Bson push(OutboxMessage message) {
        return Updates.push(OutboxMessage.FIELD, message.toDocument());
    }

    /** For inserts: the initial outbox array of a new aggregate document. */
    public static Document withOutbox(Document aggregate, OutboxMessage message) {
        return aggregate.append(OutboxMessage.FIELD, java.util.List.of(message.toDocument()));
    }
}
