package gt.dondelocompro.bootstrap;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A VTEX store on loopback for tests of the whole service: its catalog search answers one product after
 * {@code answerDelay}, anything else (robots.txt) 404 with no rules. It counts the searches it received and the most
 * requests it had at once (robots.txt included: politeness is per host).
 */
final class LoopbackVtexStore implements AutoCloseable {

    private static final String VTEX_PATH = "/api/catalog_system/pub/products/search";
    private static final String ONE_PRODUCT = """
            [{"productName": "Licuadora Oster", "brand": "Oster", "link": "https://example.gt/licuadora/p",
              "items": [{"itemId": "77", "sellers": [{"commertialOffer": {"Price": 399.0, "IsAvailable": true}}]}]}]
            """;

    private final HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger searchesReceived = new AtomicInteger();

    private LoopbackVtexStore(Duration answerDelay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                byte[] body;
                int status;
                if (exchange.getRequestURI().getPath().startsWith(VTEX_PATH)) {
                    searchesReceived.incrementAndGet();
                    Thread.sleep(answerDelay);
                    body = ONE_PRODUCT.getBytes(StandardCharsets.UTF_8);
                    status = 200;
                } else {
                    body = "no".getBytes(StandardCharsets.UTF_8); // robots.txt: 404, no rules
                    status = 404;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    /** A store whose searches answer after {@code answerDelay} (zero: at once). */
    static LoopbackVtexStore start(Duration answerDelay) throws IOException {
        return new LoopbackVtexStore(answerDelay);
    }

    int port() {
        return server.getAddress().getPort();
    }

    int searchesReceived() {
        return searchesReceived.get();
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
