package cn.lianmeng.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A downstream service stand-in. Every request is answered with JSON describing what arrived: method, path, query,
 * headers (lower-case names), body size. {@code /actuator/health} answers {@code {"status":"UP"}}; a path containing
 * {@code /slow} sleeps {@code sleepMs} (query parameter, default 5000) before answering.
 */
public final class StubServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Canned> canned = new ConcurrentHashMap<>();

    /** A fixed answer for one path. */
    private record Canned(int status, String json) {
    }

    private StubServer(HttpServer server) {
        this.server = server;
    }

    public static StubServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            StubServer stub = new StubServer(server);
            server.createContext("/", stub::handle);
            server.setExecutor(stub.executor);
            server.start();
            return stub;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Answers {@code path} with {@code status} and the JSON text {@code json} instead of the echo. */
    public void answer(String path, int status, String json) {
        canned.put(path, new Canned(status, json));
    }

    public int requestCount() {
        return requests.get();
    }

    /** A port nothing listens on (bound once, then released). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            long bodyBytes = drain(exchange.getRequestBody());
            URI uri = exchange.getRequestURI();
            Canned fixed = canned.get(uri.getPath());
            if (fixed != null) {
                respondRaw(exchange, fixed.status(), fixed.json().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if ("/actuator/health".equals(uri.getPath())) {
                respond(exchange, 200, Map.of("status", "UP"));
                return;
            }
            if (uri.getPath().contains("/slow")) {
                sleep(queryLong(uri.getQuery(), "sleepMs", 5000));
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            Map<String, Object> echo = new TreeMap<>();
            echo.put("method", exchange.getRequestMethod());
            echo.put("path", uri.getRawPath());
            echo.put("query", uri.getRawQuery() == null ? "" : uri.getRawQuery());
            echo.put("headers", headers);
            echo.put("bodyBytes", bodyBytes);
            respond(exchange, 200, echo);
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1;) {
            total += n;
        }
        return total;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        respondRaw(exchange, status, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void respondRaw(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static long queryLong(String query, String name, long fallback) {
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals(name)) {
                    return Long.parseLong(kv[1]);
                }
            }
        }
        return fallback;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
