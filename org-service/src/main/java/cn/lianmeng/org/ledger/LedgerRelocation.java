package cn.lianmeng.org.ledger;

import cn.lianmeng.org.coverage.CoverageLocationListener;
import cn.lianmeng.platform.data.Scope;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the enterprise name and the {@code parkId}/{@code buildingId} copied into visits and tasks current when an
 * enterprise is renamed or moves, so district staff scope follows the enterprise. Version-guarded: a copy is only
 * replaced by one from a newer enterprise snapshot.
 */
@Component
public class LedgerRelocation implements CoverageLocationListener {

    private final LedgerStore store;

    public LedgerRelocation(LedgerStore store) {
        this.store = store;
    }

    @Override
    public Mono<Void> enterpriseLocated(String allianceId, String enterpriseId, String name, String parkId, String buildingId, long version) {
        Scope scope = Scope.system(allianceId, enterpriseId);
        Bson older = Filters.and(Filters.eq("tenantId", enterpriseId),
                Filters.or(Filters.exists("locationVersion", false), Filters.lt("locationVersion", version)));
        Bson update = Updates.combine(Updates.set("enterpriseName", name), Updates.set("parkId", parkId),
                Updates.set("buildingId", buildingId), Updates.set("locationVersion", version));
        return store.visits.updateMany(scope, older, update).then(store.tasks.updateMany(scope, older, update)).then();
    }
}
