package cn.lianmeng.org.transfer;

import cn.lianmeng.org.member.OpenTransfers;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.OutboxRelay;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code member_transfers} collection: its tenancy rule, its indexes and its outbox registration. {@code openFor}
 * holds the member id while a transfer is open (REQUESTED or CONFIRMED) and is removed when it closes; a unique sparse
 * index on it makes "one open transfer per member" hold even between two concurrent requests.
 */
@Component
public class TransferStore implements OpenTransfers {

    public static final String COLLECTION = "member_transfers";

    private final ScopedCollection transfers;

    public TransferStore(MongoAccess mongo, OutboxRelay relay) {
        this.transfers = mongo.collection(COLLECTION, new TransferScopeRule());
        relay.register(transfers);
        transfers.ensureIndexInBackground(Indexes.ascending("openFor"), new IndexOptions().unique(true).sparse(true).name("one_open_per_member"));
        transfers.ensureIndexInBackground(Indexes.ascending("allianceId", "fromTenantId", "status", "requestedAt"), new IndexOptions().name("outgoing"));
        transfers.ensureIndexInBackground(Indexes.ascending("allianceId", "toTenantId", "status", "requestedAt"), new IndexOptions().name("incoming"));
        transfers.ensureIndexInBackground(Indexes.ascending("status", "requestedAt"), new IndexOptions().name("status_requested_at"));
        transfers.ensureIndexInBackground(Indexes.ascending("allianceId", "memberId"), new IndexOptions().name("member"));
    }

    ScopedCollection collection() {
        return transfers;
    }

    @Override
    public Mono<Boolean> isOpen(String allianceId, String memberId) {
        return transfers.count(Scope.system(allianceId, null), Filters.eq("openFor", memberId)).map(n -> n > 0);
    }
}
