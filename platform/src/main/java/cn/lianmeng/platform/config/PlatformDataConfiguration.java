package cn.lianmeng.platform.config;

import java.time.Clock;
import java.time.Duration;

import cn.lianmeng.platform.audit.AuditController;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.events.ProcessedEvents;
import com.mongodb.reactivestreams.client.MongoClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/** Scoped MongoDB access, the processed-event store and the audit trail. */
@AutoConfiguration(afterName = "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration")
public class PlatformDataConfiguration {

    @Bean
    MongoAccess mongoAccess(MongoClient client, MongoConnectionDetails connection) {
        String database = connection.getConnectionString().getDatabase();
        return new MongoAccess(client, database == null || database.isBlank() ? "lianmeng" : database);
    }

    /**
     * Database readiness by {@code ping}, which real MongoDB and the local stand-in both answer (Boot's own indicator
     * uses {@code hello}, which the stand-in lacks); replaces Boot's {@code mongo} indicator.
     */
    @Bean(name = "mongoHealthIndicator")
    ReactiveHealthIndicator mongoHealthIndicator(MongoAccess mongo) {
        return () -> mongo.ping()
                .map(ok -> Health.up().withDetail("database", mongo.databaseName()).build())
                .timeout(Duration.ofSeconds(3))
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.toString()).build()));
    }

    @Bean
    ProcessedEvents processedEvents(MongoAccess mongo, Clock clock) {
        return new ProcessedEvents(mongo, clock);
    }

    @Bean
    AuditLog auditLog(MongoAccess mongo, Clock clock, @Value("${spring.application.name}") String service) {
        return new AuditLog(mongo, clock, service);
    }

    @Bean
    AuditController auditController(AuditLog auditLog) {
        return new AuditController(auditLog);
    }
}
