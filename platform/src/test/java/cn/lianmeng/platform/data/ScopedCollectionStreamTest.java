package cn.lianmeng.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import cn.lianmeng.platform.testing.EmbeddedMongo;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bulk reads for reports: every matching document of the scope across several batches, only the projected fields. */
class ScopedCollectionStreamTest {

    private final MongoClient client = MongoClients.create(EmbeddedMongo.uri("stream_test"));
    private final ScopedCollection things = new MongoAccess(client, "stream_test")
            .collection("things_" + System.nanoTime(), ScopeRule.tenantOwned());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void readsEveryMatchingDocumentOfTheScopeAcrossBatches() {
        int count = ScopedCollection.BULK_BATCH * 2 + 7;
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(new Document("_id", "a1-" + i).append("allianceId", "a1").append("tenantId", "t" + (i % 3)).append("n", i)
                    .append("secret", "x"));
            docs.add(new Document("_id", "a2-" + i).append("allianceId", "a2").append("tenantId", "t0").append("n", i));
        }
        things.insertAll(Scope.unrestricted("test data"), docs).block();

        List<Document> read = things.stream(Scope.system("a1", null), new Document(), Projections.include("n")).collectList().block();
        assertThat(read).hasSize(count).allSatisfy(d -> {
            assertThat(d.getString("_id")).startsWith("a1-");
            assertThat(d.keySet()).containsExactlyInAnyOrder("_id", "n");
        });
        assertThat(things.stream(Scope.system("a1", "t1"), new Document("n", new Document("$lt", 30)), Projections.include("n"))
                .map(d -> d.getInteger("n")).collectList().block())
                .as("a tenant's scope and the filter both apply").containsExactlyInAnyOrder(1, 4, 7, 10, 13, 16, 19, 22, 25, 28);
    }
}
