package cn.lianmeng.org.ledger;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.springframework.stereotype.Component;

/**
 * The ledger's collections, tenant-owned ({@code tenantId} = the enterprise; null for alliance tasks without one) and
 * carrying the enterprise's {@code parkId}/{@code buildingId} so district staff scope applies:
 * {@code ledger_visits} (走访/指导 records, append-only) and {@code ledger_tasks} (清单化管理).
 */
@Component
public class LedgerStore {

    final ScopedCollection visits;
    final ScopedCollection tasks;

    public LedgerStore(MongoAccess mongo) {
        this.visits = mongo.collection("ledger_visits", ScopeRule.tenantOwned());
        this.tasks = mongo.collection("ledger_tasks", ScopeRule.tenantOwned());
        visits.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "tenantId"), Indexes.descending("date")),
                new IndexOptions().name("alliance_enterprise_date"));
        tasks.ensureIndexInBackground(Indexes.ascending("allianceId", "ownerId", "done", "deadline"), new IndexOptions().name("alliance_owner_open"));
        tasks.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "done"), new IndexOptions().name("alliance_enterprise_open"));
        tasks.ensureIndexInBackground(Indexes.ascending("allianceId", "parkId"), new IndexOptions().name("alliance_park"));
        tasks.ensureIndexInBackground(Indexes.ascending("allianceId", "buildingId"), new IndexOptions().name("alliance_building"));
    }
}
