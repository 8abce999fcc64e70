package cn.lianmeng.activity.signup;

import java.time.Clock;
import java.time.Duration;

import cn.lianmeng.activity.activity.ActivityEvents;
import cn.lianmeng.activity.activity.ActivityService;
import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** When an organiser raises an activity's capacity ({@code ActivityChanged} with {@code signUp}), the waitlist moves up. */
@Component
public class CapacityChangedListener {

    private final SignUpService signUps;
    private final ActivityService activities;
    private final JsonMapper json;
    private final Clock clock;

    public CapacityChangedListener(SignUpService signUps, ActivityService activities, JsonMapper json, Clock clock) {
        this.signUps = signUps;
        this.activities = activities;
        this.json = json;
        this.clock = clock;
    }

    @KafkaListener(id = "${spring.application.name}.signup-capacity", topics = ActivityEvents.TOPIC,
            groupId = "${spring.application.name}.signup-capacity")
    public void onActivityEvent(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.parse(record, json);
        JsonNode changed = event.data().get("changedFields");
        if (!ActivityEvents.CHANGED.equals(event.type()) || changed == null || !changed.toString().contains("\"signUp\"")) {
            return;
        }
        Document key = new Document("_id", event.text("activityId")).append("allianceId", event.text("allianceId"));
        activities.reload(key).flatMap(a -> signUps.promote(a, clock.instant())).then(Mono.empty()).block(Duration.ofSeconds(30));
    }
}
