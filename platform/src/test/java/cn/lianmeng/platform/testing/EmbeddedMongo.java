package cn.lianmeng.platform.testing;

import de.bwaldvogel.mongo.MongoServer;
import cn.lianmeng.deploy.mongo.IndexedMemoryBackend;

/**
 * One in-process MongoDB wire-protocol stand-in per test JVM (no MongoDB server installs on these machines), with
 * the secondary indexes of {@link IndexedMemoryBackend} so queries behave like an indexed store.
 */
public final class EmbeddedMongo {

    private static MongoServer server;

    private EmbeddedMongo() {
    }

    public static synchronized String uri(String database) {
        if (server == null) {
            server = new MongoServer(new IndexedMemoryBackend());
            server.bind("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        }
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + database;
    }
}
