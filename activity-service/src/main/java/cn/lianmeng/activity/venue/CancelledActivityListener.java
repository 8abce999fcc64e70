package cn.lianmeng.activity.venue;

import java.time.Duration;

import cn.lianmeng.activity.activity.ActivityEvents;
import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frees the rooms of a cancelled activity once more from its {@code ActivityCancelled} event (idempotent), so a
 * crash between the cancellation and the synchronous release never leaves a room blocked.
 */
@Component
public class CancelledActivityListener {

    private final BookingService bookings;
    private final JsonMapper json;

    public CancelledActivityListener(BookingService bookings, JsonMapper json) {
        this.bookings = bookings;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.venue-release", topics = ActivityEvents.TOPIC,
            groupId = "${spring.application.name}.venue-release")
    public void onActivityEvent(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.parse(record, json);
        if (ActivityEvents.CANCELLED.equals(event.type())) {
            bookings.releaseAllOf(event.text("allianceId"), event.text("activityId")).block(Duration.ofSeconds(30));
        }
    }
}
