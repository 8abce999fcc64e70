package cn.lianmeng.org.transfer;

import java.time.Duration;

import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Open transfers follow organisation moves ({@code org.organisation.v1}, consumer group {@code org-service-transfer}). */
@Component
public class TransferOrganisationListener {

    static final String CONSUMER = "org-service-transfer";

    private final TransferService transfers;
    private final ProcessedEvents processed;
    private final JsonMapper json;

    public TransferOrganisationListener(TransferService transfers, ProcessedEvents processed, JsonMapper json) {
        this.transfers = transfers;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(id = "org-service.transfer-organisations", topics = "org.organisation.v1", groupId = CONSUMER)
    public void onOrganisationEvent(ConsumerRecord<String, byte[]> record) {
        IncomingEvent e = IncomingEvent.parse(record, json);
        if (!"OrganisationMoved".equals(e.type())) {
            return;
        }
        String allianceId = e.allianceId() != null ? e.allianceId() : e.text("allianceId");
        processed.once(CONSUMER, e, () -> transfers.organisationMoved(allianceId, e.text("orgId")))
                .block(Duration.ofSeconds(30));
    }
}
