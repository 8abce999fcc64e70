package cn.lianmeng.org.member;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.MalformedEventException;
import cn.lianmeng.platform.events.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps members in step with their organisations ({@code org.organisation.v1}, consumer group
 * {@code org-service-member}): a move re-paths {@code orgAncestors} of every member in the moved subtree (from the
 * organisations' current documents, so it converges whatever the order), a rename updates {@code orgName}, and
 * OfficersChanged brings {@code officerRoles} in line. Runs on the consumer thread; retries and dead-letters like
 * every platform consumer; each event id is processed once.
 */
@Component
public class OrganisationEventsListener {

    static final String TOPIC = "org.organisation.v1";
    static final String CONSUMER = "org-service-member";

    private final MemberService members;
    private final ProcessedEvents processed;
    private final JsonMapper json;

    public OrganisationEventsListener(MemberService members, ProcessedEvents processed, JsonMapper json) {
        this.members = members;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(id = "org-service.member-organisations", topics = TOPIC, groupId = CONSUMER)
    public void onOrganisationEvent(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.parse(record, json);
        processed.once(CONSUMER, event, () -> apply(event)).block(Duration.ofSeconds(30));
    }

    Mono<Void> apply(IncomingEvent e) {
        String allianceId = e.allianceId() != null ? e.allianceId() : e.text("allianceId");
        return switch (e.type()) {
            case "OrganisationMoved" -> members.organisationMoved(allianceId, e.text("orgId"));
            case "OrganisationRenamed" -> members.organisationRenamed(allianceId, e.text("orgId"), e.text("name"));
            case "OfficersChanged" -> members.officersChanged(allianceId, e.text("orgId"), officers(e));
            default -> Mono.empty();
        };
    }

    private static Map<String, List<String>> officers(IncomingEvent e) {
        JsonNode list = e.data().get("officers");
        Map<String, List<String>> roles = new LinkedHashMap<>();
        if (list == null || list.isNull()) {
            return roles;
        }
        if (!list.isArray()) {
            throw new MalformedEventException("event " + e.id() + " has a non-array 'officers'", null);
        }
        for (JsonNode o : list) {
            JsonNode memberId = o.get("memberId");
            JsonNode role = o.get("role");
            if (memberId == null || memberId.isNull() || role == null || role.isNull()) {
                continue; // an officer without a member record (e.g. an external secretary) has no member to update
            }
            roles.computeIfAbsent(memberId.asString(), k -> new ArrayList<>()).add(role.asString());
        }
        return roles;
    }
}
