package cn.lianmeng.content.audience;

import java.time.Duration;

import cn.lianmeng.content.config.TopicsConfiguration;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the audience read models from org-service's topics. Each method blocks the consumer thread until the write is
 * done, so failures reach the container's error handler (retry with back-off, then {@code <topic>-dlt}).
 */
@Component
public class DirectoryListeners {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Organisations organisations;
    private final Members members;
    private final StaffAssignments staff;
    private final TenantDirectory tenants;
    private final JsonMapper json;

    public DirectoryListeners(Organisations organisations, Members members, StaffAssignments staff, TenantDirectory tenants, JsonMapper json) {
        this.organisations = organisations;
        this.members = members;
        this.staff = staff;
        this.tenants = tenants;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.organisations", topics = TopicsConfiguration.ORGANISATIONS,
            groupId = "${spring.application.name}.organisations")
    public void onOrganisation(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.parse(record, json);
        if (!Organisations.TYPES.contains(event.type())) {
            return;
        }
        organisations.apply(event)
                .then(members.recomputeForOrganisation(event.text("allianceId"), event.text("orgId")))
                .block(WAIT);
    }

    @KafkaListener(id = "${spring.application.name}.members", topics = TopicsConfiguration.MEMBERS,
            groupId = "${spring.application.name}.members")
    public void onMember(ConsumerRecord<String, byte[]> record) {
        members.apply(IncomingEvent.parse(record, json)).block(WAIT);
    }

    @KafkaListener(id = "${spring.application.name}.staff", topics = TopicsConfiguration.STAFF,
            groupId = "${spring.application.name}.staff")
    public void onStaff(ConsumerRecord<String, byte[]> record) {
        staff.apply(IncomingEvent.parse(record, json)).block(WAIT);
    }

    /**
     * An enterprise's location (park, building) is part of its members' audience keys: apply the event to the tenant
     * directory here too (idempotent, version-guarded) so the recomputation below sees it, then recompute.
     */
    @KafkaListener(id = "${spring.application.name}.audience-locations", topics = TopicsConfiguration.ENTERPRISES,
            groupId = "${spring.application.name}.audience-locations")
    public void onEnterprise(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.parse(record, json);
        if (event.optionalText("enterpriseId") == null || event.optionalText("allianceId") == null) {
            return;
        }
        tenants.apply(event)
                .then(members.recomputeForEnterprise(event.text("allianceId"), event.text("enterpriseId")))
                .block(WAIT);
    }
}
