package cn.lianmeng.platform.audit;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

/**
 * The audit trail (DESIGN §3): who, when, what, result — for every write and every read of unmasked personal data.
 * Records are append-only; only auditors read them.
 */
public final class AuditLog {

    public enum Result { SUCCESS, FAILURE }

    public static final String COLLECTION = "audit_log";
    private static final Scope WRITER = Scope.unrestricted("audit writer");

    private final ScopedCollection log;
    private final Clock clock;
    private final String service;

    public AuditLog(MongoAccess mongo, Clock clock, String service) {
        this.log = mongo.collection(COLLECTION, ScopeRule.tenantOwned());
        this.clock = clock;
        this.service = service;
        log.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId"), Indexes.descending("at")),
                new IndexOptions().name("alliance_at"));
    }

    public ScopedCollection collection() {
        return log;
    }

    /** Records an action of a verified caller. */
    public Mono<Void> record(Caller actor, String action, String targetType, String targetId, String tenantId, Result result,
                             Map<String, ?> details) {
        return record(actor.accountId(), actor.actorName(), actor.allianceId(), tenantId, action, targetType, targetId, result, details);
    }

    /** One target of a batch of like actions: see {@link #recordAll}. */
    public record Target(String targetId, String tenantId, Map<String, ?> details) {
    }

    /**
     * Records the same action of a verified caller on many targets in one batch write (bulk imports): one record per
     * target, as {@link #record(Caller, String, String, String, String, Result, Map)} would write it.
     */
    public Mono<Void> recordAll(Caller actor, String action, String targetType, Result result, List<Target> targets) {
        List<Document> entries = targets.stream()
                .map(t -> entry(actor.accountId(), actor.actorName(), actor.allianceId(), t.tenantId(), action, targetType,
                        t.targetId(), result, t.details()))
                .toList();
        return log.insertAll(WRITER, entries).then();
    }

    /** Records an action of an actor that is not (yet) a verified caller, e.g. a failed login or a system process. */
    public Mono<Void> record(String actorId, String actorName, String allianceId, String tenantId, String action, String targetType,
                             String targetId, Result result, Map<String, ?> details) {
        return log.insert(WRITER, entry(actorId, actorName, allianceId, tenantId, action, targetType, targetId, result, details)).then();
    }

    private Document entry(String actorId, String actorName, String allianceId, String tenantId, String action, String targetType,
                           String targetId, Result result, Map<String, ?> details) {
        return new Document("_id", new ObjectId().toHexString())
                .append("at", Date.from(clock.instant()))
                .append("service", service)
                .append("actorId", actorId)
                .append("actorName", actorName)
                .append("allianceId", allianceId)
                .append("tenantId", tenantId)
                .append("action", action)
                .append("targetType", targetType)
                .append("targetId", targetId)
                .append("result", result.name())
                .append("details", details == null ? new Document() : new Document(Map.copyOf(details)));
    }
}
