package cn.lianmeng.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import cn.lianmeng.platform.testing.EmbeddedMongo;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch inserts (bulk imports): unordered, duplicates reported by position, the rest inserted, scope enforced. */
class ScopedCollectionInsertAllTest {

    private final MongoClient client = MongoClients.create(EmbeddedMongo.uri("insert_all_test"));
    private final ScopedCollection things = new MongoAccess(client, "insert_all_test")
            .collection("things_" + System.nanoTime(), ScopeRule.tenantOwned());

    @AfterEach
    void close() {
        client.close();
    }

    private static Document thing(String id, String allianceId, String code) {
        return new Document("_id", id).append("allianceId", allianceId).append("tenantId", id).append("code", code);
    }

    @Test
    void insertsEverythingItCanAndNamesTheDuplicates() {
        things.ensureIndex(Indexes.ascending("allianceId", "code"), new IndexOptions().unique(true)).block();
        Scope scope = Scope.system("a1", null);
        assertThat(things.insertAll(scope, List.of(thing("1", "a1", "A"), thing("2", "a1", "B"))).block()).isEmpty();
        assertThat(things.insertAll(scope, List.of(thing("3", "a1", "C"), thing("4", "a1", "A"), thing("5", "a1", "D"),
                thing("6", "a1", "B"), thing("7", "a1", "C"))).block()).containsExactly(1, 3, 4);
        assertThat(things.count(scope, new Document()).block()).isEqualTo(4);
        assertThat(things.insertAll(scope, List.of()).block()).isEmpty();
    }

    @Test
    void refusesDocumentsOutsideTheScopeWithoutWritingAny() {
        Scope scope = Scope.system("a1", null);
        assertThatThrownBy(() -> things.insertAll(scope, List.of(thing("1", "a1", "A"), thing("2", "other", "B"))).block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(things.count(Scope.unrestricted("test"), new Document()).block()).isZero();
    }
}
