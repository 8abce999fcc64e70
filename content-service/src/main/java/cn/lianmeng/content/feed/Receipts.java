package cn.lianmeng.content.feed;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.lianmeng.content.audience.Reader;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Read receipts: one per member and item, whatever happens — the id is {@code <itemId>:<memberId>}, so the unique
 * {@code _id} index makes a second read (or a retried request) a no-op. Each receipt keeps the member's organisation
 * at the time of reading, for reach statistics per organisation.
 */
@Component
public class Receipts {

    private final ScopedCollection receipts;
    private final Clock clock;

    public Receipts(MongoAccess mongo, Clock clock) {
        this.receipts = mongo.collection("read_receipts", ScopeRule.tenantOwned());
        this.clock = clock;
        receipts.ensureIndexInBackground(Indexes.ascending("itemId", "orgId"), new IndexOptions().name("item_org"));
        // by-id lookups carry the alliance ({$and: [{allianceId}, {_id: …}]}): real MongoDB answers them from _id, the
        // indexed stand-in from this index
        receipts.ensureIndexInBackground(Indexes.ascending("allianceId", "_id"), new IndexOptions().name("alliance_id"));
    }

    static String id(String itemId, String memberId) {
        return itemId + ":" + memberId;
    }

    /** Records that the reader (a member) read the item; answers true the first time only. */
    public Mono<Boolean> record(Reader reader, Document item) {
        if (!reader.isMember()) {
            return Mono.just(false);
        }
        String itemId = item.getString("_id");
        Document receipt = new Document("_id", id(itemId, reader.memberId()))
                .append("allianceId", reader.allianceId())
                .append("tenantId", reader.memberTenantId())
                .append("itemId", itemId)
                .append("memberId", reader.memberId())
                .append("orgId", reader.memberOrgId())
                .append("readAt", Date.from(clock.instant()));
        return receipts.insert(reader.scope(), receipt).thenReturn(true)
                .onErrorResume(ScopedCollection::isDuplicateKey, e -> Mono.just(false));
    }

    /** Which of the items the reader has read (empty for non-members). */
    public Mono<Set<String>> readAmong(Reader reader, Collection<String> itemIds) {
        if (!reader.isMember() || itemIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        List<String> ids = itemIds.stream().map(i -> id(i, reader.memberId())).toList();
        return receipts.find(reader.scope(), Filters.in("_id", ids), new Document("itemId", 1), null, 0, ids.size())
                .map(d -> d.getString("itemId"))
                .collect(HashSet::new, Set::add);
    }

    public ScopedCollection collection() {
        return receipts;
    }
}
