package cn.lianmeng.content.inbox;

import java.time.Duration;

import cn.lianmeng.content.config.TopicsConfiguration;
import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers inbox messages from this service's own {@code content.item.v1} and from activity-service's
 * {@code activity.activity.v1}. Blocks the consumer thread until the fan-out is written (failures are retried, then
 * dead-lettered); a fan-out interrupted half way is completed on redelivery without duplicates.
 */
@Component
public class InboxListener {

    private static final Duration FAN_OUT = Duration.ofMinutes(4);

    private final Inbox inbox;
    private final JsonMapper json;

    public InboxListener(Inbox inbox, JsonMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.inbox-content", topics = TopicsConfiguration.ITEMS,
            groupId = "${spring.application.name}.inbox-content")
    public void onContent(ConsumerRecord<String, byte[]> record) {
        inbox.onContent(IncomingEvent.parse(record, json)).block(FAN_OUT);
    }

    @KafkaListener(id = "${spring.application.name}.inbox-activity", topics = TopicsConfiguration.ACTIVITIES,
            groupId = "${spring.application.name}.inbox-activity")
    public void onActivity(ConsumerRecord<String, byte[]> record) {
        inbox.onActivity(IncomingEvent.parse(record, json)).block(FAN_OUT);
    }
}
