package cn.lianmeng.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * Which failures a background index build retries: everything that says the database was unreachable or busy — also
 * the pool the driver clears after a timed-out heartbeat while a long index build holds the server — never an answer
 * about the index itself.
 */
class ScopedCollectionTransientTest {

    @Test
    void retriesWhatSaysNothingAboutTheIndex() {
        ServerAddress address = new ServerAddress("127.0.0.1", 27017);
        assertThat(ScopedCollection.isTransient(new MongoTimeoutException("no server"))).isTrue();
        assertThat(ScopedCollection.isTransient(new MongoSocketReadTimeoutException("slow", address, new java.io.IOException()))).isTrue();
        assertThat(ScopedCollection.isTransient(new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), address),
                new MongoSocketReadTimeoutException("heartbeat", address, new java.io.IOException())))).isTrue();
        assertThat(ScopedCollection.isTransient(new MongoNotPrimaryException(new BsonDocument("code", new BsonInt32(10107)), address))).isTrue();
    }

    @Test
    void neverRetriesAConflictingDefinition() {
        BsonDocument conflict = new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(85))
                .append("errmsg", new BsonString("Index with name: x already exists with different options"));
        assertThat(ScopedCollection.isTransient(new MongoCommandException(conflict, new ServerAddress()))).isFalse();
        assertThat(ScopedCollection.isTransient(new IllegalArgumentException("bad keys"))).isFalse();
    }
}
