package gt.dondelocompro.adapters.scraping;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (port 0) standing in for a store: it answers recorded bodies, records
 * every request's path, query, User-Agent and arrival time, and counts requests in flight. robots.txt answers
 * 404 (no rules) unless a test sets it.
 */
final class LocalStoreServer implements AutoCloseable {

    /** One request as it arrived: method, raw path and query, headers (names lower-cased) and body. */
    record Arrival(String pathAndQuery, long nanos, String userAgent, String method, Map<String, String> headers,
                   byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private volatile HttpHandler fallback = reply(404, "text/plain", "no route");
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private LocalStoreServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        routes.put("/robots.txt", reply(404, "text/plain", "not found"));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            synchronized (arrivals) {
                arrivals.add(new Arrival(query == null ? path : path + "?" + query, System.nanoTime(),
                        exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRequestMethod(),
                        Map.copyOf(headers), body));
            }
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                routes.getOrDefault(path, fallback).handle(exchange);
            } catch (IOException clientWentAway) {
                // the client may stop reading on purpose (size cap, timeout): not the server's problem
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    static LocalStoreServer start() {
        try {
            return new LocalStoreServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    LocalStoreServer on(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    /** Every path without its own route answers with {@code handler}. */
    LocalStoreServer otherwise(HttpHandler handler) {
        fallback = handler;
        return this;
    }

    LocalStoreServer robots(String rules) {
        return on("/robots.txt", reply(200, "text/plain", rules));
    }

    List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    List<Arrival> arrivalsAt(String pathPrefix) {
        return arrivals().stream().filter(a -> a.pathAndQuery().startsWith(pathPrefix)).toList();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    static HttpHandler reply(int status, String contentType, String body) {
        return reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static HttpHandler reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        return exchange -> {
            drain(exchange);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    static void drain(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
