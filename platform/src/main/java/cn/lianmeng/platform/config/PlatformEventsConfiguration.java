package cn.lianmeng.platform.config;

import java.time.Clock;

import cn.lianmeng.platform.events.EventPublisher;
import cn.lianmeng.platform.events.MalformedEventException;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbox, idempotent producer (acks=all, enable.idempotence — see lianmeng-platform-defaults.yml) and the consumer
 * error handling: retries with exponential back-off, then {@code <topic>-dlt}; malformed messages go to the DLT on the
 * first attempt so a poison message never stops a partition.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class PlatformEventsConfiguration {

    @Bean
    Outbox outbox(JsonMapper json, Clock clock) {
        return new Outbox(json, clock);
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafka, @Value("${spring.application.name}") String service) {
        return new EventPublisher(kafka, "/lianmeng/" + service);
    }

    @Bean
    OutboxRelay outboxRelay(EventPublisher publisher, PlatformProperties properties) {
        return new OutboxRelay(publisher, properties.getOutbox().getSweepInterval());
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka, PlatformProperties properties) {
        DeadLetterPublishingRecoverer toDlt = new DeadLetterPublishingRecoverer(kafka,
                (record, ex) -> new TopicPartition(record.topic() + "-dlt", -1));
        PlatformProperties.Consumer consumer = properties.getConsumer();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(consumer.getMaxRetries());
        backOff.setInitialInterval(consumer.getInitialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(consumer.getMaxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(toDlt, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }
}
