package cn.lianmeng.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A consumed CloudEvent: its attributes from the headers and its JSON body. Consumers read only the fields they need. */
public record IncomingEvent(String id, String type, String source, String key, String allianceId, String tenantId, JsonNode data) {

    public static IncomingEvent parse(ConsumerRecord<String, byte[]> record, JsonMapper json) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new MalformedEventException("missing ce_id/ce_type on " + record.topic() + "@" + record.offset(), null);
        }
        if (record.value() == null) {
            throw new MalformedEventException("empty body on " + record.topic() + "@" + record.offset(), null);
        }
        JsonNode data;
        try {
            data = json.readTree(record.value());
        } catch (JacksonException e) {
            throw new MalformedEventException("body is not JSON on " + record.topic() + "@" + record.offset(), e);
        }
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("body is not a JSON object on " + record.topic() + "@" + record.offset(), null);
        }
        return new IncomingEvent(id, type, header(record, CloudEventHeaders.SOURCE), record.key(),
                header(record, CloudEventHeaders.ALLIANCE), header(record, CloudEventHeaders.TENANT), data);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), UTF_8);
    }

    /** A required text field of the body; a missing one makes the event malformed. */
    public String text(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            throw new MalformedEventException("event " + id + " (" + type + ") lacks '" + field + "'", null);
        }
        return node.asString();
    }

    /** An optional text field, or null. */
    public String optionalText(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    public long number(String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isNumber()) {
            throw new MalformedEventException("event " + id + " (" + type + ") lacks numeric '" + field + "'", null);
        }
        return node.asLong();
    }
}
