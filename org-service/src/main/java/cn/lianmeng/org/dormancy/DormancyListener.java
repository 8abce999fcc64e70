package cn.lianmeng.org.dormancy;

import java.time.Duration;

import cn.lianmeng.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumer group {@value DormancyConsumer#CONSUMER}: organisations, members, enterprises, activities and attendance,
 * with {@code lianmeng.dormancy.consumer-concurrency} consumers (3: one per partition of each topic; an organisation's
 * evaluation is guarded by its versions and retried when another consumer changed it in between).
 * Blocks on the consumer thread until the read models and assessments are written, so failures reach the container's
 * error handler (retries with back-off, then {@code <topic>-dlt}; malformed messages go to the DLT at once).
 */
@Component
public class DormancyListener {

    private final DormancyConsumer consumer;
    private final JsonMapper json;

    public DormancyListener(DormancyConsumer consumer, JsonMapper json) {
        this.consumer = consumer;
        this.json = json;
    }

    @KafkaListener(id = DormancyConsumer.CONSUMER, groupId = DormancyConsumer.CONSUMER,
            concurrency = "${lianmeng.dormancy.consumer-concurrency:3}",
            topics = {DormancyConsumer.ORGANISATIONS, DormancyConsumer.MEMBERS, DormancyConsumer.ENTERPRISES,
                    DormancyConsumer.ACTIVITIES, DormancyConsumer.ATTENDANCE})
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        consumer.apply(record.topic(), IncomingEvent.parse(record, json)).block(Duration.ofSeconds(60));
    }
}
