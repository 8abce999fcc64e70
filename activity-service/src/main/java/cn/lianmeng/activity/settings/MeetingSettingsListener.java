package cn.lianmeng.activity.settings;

import java.time.Duration;

import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows org-service's meeting frequencies ({@code MeetingSettingsChanged}): version-guarded upsert into
 * {@link MeetingSettingsReadModel}, then the alliance's cached settings are dropped so compliance uses the new rules at
 * once. Blocks on the consumer thread; failures retry with back-off, then {@code org.meeting-settings.v1-dlt}.
 */
@Component
public class MeetingSettingsListener {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MeetingSettingsReadModel readModel;
    private final SettingsService settings;
    private final JsonMapper json;

    public MeetingSettingsListener(MeetingSettingsReadModel readModel, SettingsService settings, JsonMapper json) {
        this.readModel = readModel;
        this.settings = settings;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.meeting-settings", topics = MeetingSettingsReadModel.TOPIC,
            groupId = "${spring.application.name}.meeting-settings")
    public void onMeetingSettings(ConsumerRecord<String, byte[]> record) {
        readModel.apply(IncomingEvent.parse(record, json)).doOnNext(settings::evict).block(WAIT);
    }
}
