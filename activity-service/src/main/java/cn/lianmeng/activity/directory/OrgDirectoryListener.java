package cn.lianmeng.activity.directory;

import java.time.Duration;

import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the {@link OrgDirectory} from org-service's topics. Each method blocks on the consumer thread until the write
 * is done, so failures reach the container's error handler (retry with back-off, then {@code <topic>-dlt}); key =
 * aggregate id keeps one aggregate's events in order on one partition, and the version guard covers redeliveries.
 */
@Component
public class OrgDirectoryListener {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final OrgDirectory directory;
    private final JsonMapper json;

    public OrgDirectoryListener(OrgDirectory directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.directory-organisations", topics = OrgDirectory.ORGANISATION_TOPIC,
            groupId = "${spring.application.name}.directory-organisations")
    public void onOrganisation(ConsumerRecord<String, byte[]> record) {
        directory.applyOrganisation(IncomingEvent.parse(record, json)).block(WAIT);
    }

    @KafkaListener(id = "${spring.application.name}.directory-members", topics = OrgDirectory.MEMBER_TOPIC,
            groupId = "${spring.application.name}.directory-members")
    public void onMember(ConsumerRecord<String, byte[]> record) {
        directory.applyMember(IncomingEvent.parse(record, json)).block(WAIT);
    }

    @KafkaListener(id = "${spring.application.name}.directory-staff", topics = OrgDirectory.STAFF_TOPIC,
            groupId = "${spring.application.name}.directory-staff")
    public void onStaff(ConsumerRecord<String, byte[]> record) {
        directory.applyStaff(IncomingEvent.parse(record, json)).block(WAIT);
    }

    @KafkaListener(id = "${spring.application.name}.directory-regions", topics = OrgDirectory.REGION_TOPIC,
            groupId = "${spring.application.name}.directory-regions")
    public void onRegion(ConsumerRecord<String, byte[]> record) {
        directory.applyRegion(IncomingEvent.parse(record, json)).block(WAIT);
    }
}
