package cn.lianmeng.deploy.mongo;

import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Local-run stand-in for MongoDB: speaks the wire protocol on 127.0.0.1 and persists to one H2 file, so data
 * survives down/up. Not for production: production sets MONGODB_URI to a real replica set.
 *
 * <p>Usage: {@code java -cp 'lib/*:mongo-standin.jar' cn.lianmeng.deploy.mongo.MongoStandIn <port> <data-file>|memory}
 * ({@code memory}: nothing persists — for benchmarks that load generated data).
 */
public final class MongoStandIn {

    private MongoStandIn() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        String target = args.length > 1 ? args[1] : "mongo-standin.mv.db";
        MongoServer server;
        if (target.equals("memory")) {
            server = new MongoServer(new IndexedMemoryBackend());
        } else {
            Path file = Path.of(target).toAbsolutePath();
            Files.createDirectories(file.getParent());
            server = new MongoServer(new IndexedH2Backend(file.toString()));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }, "mongo-standin-shutdown"));
        server.bind("127.0.0.1", port);
        System.out.println("mongo-standin listening on 127.0.0.1:" + port + " store=" + target);
        stopped.await();
    }
}
