package cn.lianmeng.org.organisation;

import java.time.Duration;

import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisation package's consumers. They block on the Kafka consumer thread until the write is done, so the
 * platform's error handler retries failures with back-off and dead-letters to {@code <topic>-dlt}; malformed
 * messages go to the DLT at once.
 */
@Component
class OrganisationListeners {

    static final String MEMBER_TOPIC = "org.member.v1";
    static final String ENTERPRISE_TOPIC = "org.enterprise.v1";

    private final MemberCounts memberCounts;
    private final EnterprisePlaces places;
    private final JsonMapper json;

    OrganisationListeners(MemberCounts memberCounts, EnterprisePlaces places, JsonMapper json) {
        this.memberCounts = memberCounts;
        this.places = places;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.organisation-member-counts", topics = MEMBER_TOPIC,
            groupId = "${spring.application.name}.organisation-member-counts")
    void onMemberEvent(ConsumerRecord<String, byte[]> record) {
        memberCounts.apply(IncomingEvent.parse(record, json)).block(Duration.ofSeconds(30));
    }

    @KafkaListener(id = "${spring.application.name}.organisation-places", topics = ENTERPRISE_TOPIC,
            groupId = "${spring.application.name}.organisation-places")
    void onEnterpriseEvent(ConsumerRecord<String, byte[]> record) {
        places.apply(IncomingEvent.parse(record, json)).block(Duration.ofSeconds(30));
    }
}
