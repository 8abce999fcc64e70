package cn.lianmeng.activity.compliance;

import java.time.Duration;

import cn.lianmeng.activity.activity.ActivityEvents;
import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the meeting tallies current from this service's own {@code ActivityHeld} events (at least once, idempotent). */
@Component
public class MeetingTallyListener {

    private final MeetingTallies tallies;
    private final JsonMapper json;

    public MeetingTallyListener(MeetingTallies tallies, JsonMapper json) {
        this.tallies = tallies;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.compliance", topics = ActivityEvents.TOPIC,
            groupId = "${spring.application.name}.compliance")
    public void onActivityEvent(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.parse(record, json);
        if (ActivityEvents.HELD.equals(event.type())) {
            tallies.apply(event).block(Duration.ofSeconds(30));
        }
    }
}
