package cn.lianmeng.content.feed;

import java.time.Duration;

import cn.lianmeng.content.config.TopicsConfiguration;
import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Repairs the feed timelines from this service's own {@code content.item.v1} (idempotent; see {@link Timelines}). */
@Component
public class TimelineListener {

    private final Timelines timelines;
    private final JsonMapper json;

    public TimelineListener(Timelines timelines, JsonMapper json) {
        this.timelines = timelines;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.feed-timelines", topics = TopicsConfiguration.ITEMS,
            groupId = "${spring.application.name}.feed-timelines")
    public void onItem(ConsumerRecord<String, byte[]> record) {
        timelines.apply(IncomingEvent.parse(record, json)).block(Duration.ofSeconds(60));
    }
}
