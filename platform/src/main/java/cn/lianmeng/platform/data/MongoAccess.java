package cn.lianmeng.platform.data;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * Hands out {@link ScopedCollection}s of the service's database. It is the only holder of the driver's database
 * object; an architecture test keeps every other class away from the driver's client API.
 */
public final class MongoAccess {

    private final MongoDatabase database;

    public MongoAccess(MongoClient client, String databaseName) {
        this.database = client.getDatabase(databaseName);
    }

    public ScopedCollection collection(String name, ScopeRule rule) {
        return new ScopedCollection(database.getCollection(name), rule);
    }

    /** The GridFS bucket {@code name} ({@code <name>.files}, {@code <name>.chunks}), reached only within a scope. */
    public ScopedFiles files(String bucketName) {
        return new ScopedFiles(database, bucketName);
    }

    public String databaseName() {
        return database.getName();
    }

    /** A round trip to the server, for readiness checks. */
    public Mono<Boolean> ping() {
        return Mono.from(database.runCommand(new Document("ping", 1))).map(d -> true);
    }
}
