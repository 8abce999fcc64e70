package cn.lianmeng.org.coverage;

import java.time.Duration;

import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumer group {@value #GROUP}: feeds the coverage facts from the enterprise, organisation, member and region topics
 * and activity-service's {@code ActivityHeld}. Blocks on the consumer thread until the writes are done, so failures
 * reach the container's error handler (retries with back-off, then {@code <topic>-dlt}; malformed at once).
 */
@Component
public class CoverageListener {

    public static final String GROUP = "org-service-coverage";

    private final CoverageProjector projector;
    private final JsonMapper json;

    public CoverageListener(CoverageProjector projector, JsonMapper json) {
        this.projector = projector;
        this.json = json;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, concurrency = "${lianmeng.coverage.consumer-concurrency:3}",
            topics = {CoverageProjector.ENTERPRISE_TOPIC, CoverageProjector.ORGANISATION_TOPIC, CoverageProjector.MEMBER_TOPIC,
                    CoverageProjector.REGION_TOPIC, CoverageProjector.ACTIVITY_TOPIC})
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        projector.apply(record.topic(), IncomingEvent.parse(record, json)).block(Duration.ofSeconds(60));
    }
}
