package cn.lianmeng.platform.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Wiring for a service under test: the in-process MongoDB stand-in (a fresh database per test class), the embedded
 * Kafka broker, test token verification and no registry.
 */
public final class ServiceTestSupport {

    private ServiceTestSupport() {
    }

    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri(database));
        registry.add("lianmeng.security.jwt.public-key", TestTokens::publicKeyPem);
        registry.add("spring.kafka.bootstrap-servers", () -> System.getProperty("spring.embedded.kafka.brokers"));
        registry.add("eureka.client.enabled", () -> "false");
        registry.add("lianmeng.outbox.sweep-interval", () -> "500ms");
        registry.add("lianmeng.consumer.initial-backoff", () -> "100ms");
        registry.add("lianmeng.consumer.max-backoff", () -> "400ms");
        registry.add("lianmeng.consumer.max-retries", () -> "5");
    }
}
