package cn.lianmeng.platform.tenancy;

import java.time.Duration;

import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the {@link TenantDirectory}. Runs on the Kafka consumer thread and waits for the write, so failures go to
 * the container's error handler: transient ones are retried with back-off, malformed messages are dead-lettered.
 */
public class TenantDirectoryListener {

    private final TenantDirectory directory;
    private final JsonMapper json;

    public TenantDirectoryListener(TenantDirectory directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @KafkaListener(id = "${spring.application.name}.tenant-directory", topics = TenantDirectory.TOPIC,
            groupId = "${spring.application.name}.tenant-directory")
    public void onEnterpriseEvent(ConsumerRecord<String, byte[]> record) {
        directory.apply(IncomingEvent.parse(record, json)).block(Duration.ofSeconds(30));
    }
}
