package cn.lianmeng.platform.tenancy;

import java.time.Clock;
import java.util.Date;
import java.util.Set;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.ProcessedEvents;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * This service's local copy of the alliance's tenants (member enterprises), fed by org-service's
 * {@code org.enterprise.v1} events. Reads only the fields it needs; version-guarded so duplicate and out-of-order
 * deliveries leave the newest state.
 */
public class TenantDirectory {

    public static final String TOPIC = "org.enterprise.v1";
    static final Set<String> TYPES = Set.of("EnterpriseOnboarded", "EnterpriseUpdated", "EnterpriseSuspended",
            "EnterpriseReactivated", "EnterpriseLeft");
    private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

    private final ScopedCollection tenants;
    private final ProcessedEvents processed;
    private final Clock clock;
    private final String consumerName;

    public TenantDirectory(MongoAccess mongo, ProcessedEvents processed, Clock clock, String consumerName) {
        this.tenants = mongo.collection("tenant_directory", ScopeRule.tenantOwned());
        this.processed = processed;
        this.clock = clock;
        this.consumerName = consumerName;
        tenants.ensureIndexInBackground(Indexes.ascending("allianceId", "name"), new IndexOptions().name("alliance_name"));
    }

    public record TenantView(String id, String allianceId, String name, String status, String type, String industry,
                             String district, String street, String parkId, String buildingId, long version, Date updatedAt) {
    }

    /** Applies one enterprise event; answers whether the stored copy changed. */
    public Mono<Boolean> apply(IncomingEvent event) {
        if (!TYPES.contains(event.type())) {
            return Mono.just(false); // a type this consumer does not need: ignored, not an error
        }
        String id = event.text("enterpriseId");
        String allianceId = event.text("allianceId");
        long version = event.number("version");
        Document fields = new Document("name", event.text("name"))
                .append("status", event.text("status"))
                .append("type", event.optionalText("type"))
                .append("industry", event.optionalText("industry"))
                .append("district", event.optionalText("district"))
                .append("street", event.optionalText("street"))
                .append("parkId", event.optionalText("parkId"))
                .append("buildingId", event.optionalText("buildingId"))
                .append("updatedAt", Date.from(clock.instant()));
        Scope scope = Scope.system(allianceId, id);
        return processed.once(consumerName, event, () -> tenants.upsertIfNewer(scope, id, version, fields)
                        .doOnNext(applied -> {
                            if (!applied) {
                                log.debug("Stale {} v{} for tenant {} ignored", event.type(), version, id);
                            }
                        }).then());
    }

    public Mono<TenantView> get(Scope scope, String id) {
        return tenants.findOne(scope, Filters.eq("_id", id)).map(TenantDirectory::view);
    }

    public ScopedCollection collection() {
        return tenants;
    }

    static TenantView view(Document d) {
        Number version = d.get("version", Number.class);
        return new TenantView(d.getString("_id"), d.getString("allianceId"), d.getString("name"), d.getString("status"),
                d.getString("type"), d.getString("industry"), d.getString("district"), d.getString("street"),
                d.getString("parkId"), d.getString("buildingId"), version == null ? 0 : version.longValue(), d.getDate("updatedAt"));
    }
}
