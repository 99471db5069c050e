package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchQuery;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile stores never stop a search: each answer below ends in a typed failure within the time the store
 * is given (its timeout per attempt, times the attempts when the failure is one worth retrying).
 */
class HostileStoresTest {

    private static final String VTEX_PATH = "/api/catalog_system/pub/products/search";
    private static final SearchQuery QUERY = SearchQuery.of("licuadora");
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    /** Three attempts of the store's timeout, two backoffs of at most 80 ms, and room for a slow machine. */
    private static final Duration RETRIED_BUDGET = TIMEOUT.multipliedBy(3).plusSeconds(2);

    private record Outcome(StoreResult.Failure failure, Duration took) {
    }

    private static Outcome search(String baseUrl, PoliteHttpClient client) throws InterruptedException {
        StoreConfig config = TestStores.config("vtex", baseUrl).withPoliteness(Duration.ZERO, 2, TIMEOUT);
        Store store = Stores.create(config, client);
        long start = System.nanoTime();
        StoreResult result = store.search(QUERY, 10);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result).isInstanceOf(StoreResult.Failure.class);
        return new Outcome((StoreResult.Failure) result, took);
    }

    @Test
    void anEightMegabyteHeaderIsRefusedAtOnceAsBlockedWithoutRetries() throws Exception {
        byte[] filler = new byte[8 * 1024 * 1024];
        Arrays.fill(filler, (byte) 'a');
        try (RawStoreServer server = RawStoreServer.start((out, socket) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII));
            out.write(filler);
            out.write("\r\nContent-Length: 2\r\n\r\n[]".getBytes(StandardCharsets.US_ASCII));
        }); PoliteHttpClient client = TestStores.client()) {

            Outcome outcome = search(server.baseUrl(), client);

            assertThat(outcome.failure().kind()).isEqualTo(FailureKind.BLOCKED);
            assertThat(outcome.failure().message()).contains("store 'test-vtex'", VTEX_PATH, "header");
            assertThat(server.searchRequests()).hasSize(1);
            assertThat(outcome.took()).isLessThan(TIMEOUT);
        }
    }

    @Test
    void garbageInsteadOfAStatusLineIsAParseFailureWithoutRetries() throws Exception {
        try (RawStoreServer server = RawStoreServer.start((out, socket) ->
                out.write("SSH-2.0-OpenSSH_9.6\r\nnot http at all\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
             PoliteHttpClient client = TestStores.client()) {

            Outcome outcome = search(server.baseUrl(), client);

            assertThat(outcome.failure().kind()).isEqualTo(FailureKind.PARSE);
            assertThat(outcome.failure().message()).contains("store 'test-vtex'", VTEX_PATH, "not a valid HTTP answer");
            assertThat(server.searchRequests()).hasSize(1);
        }
    }

    @Test
    void aStoreThatDropsTheConnectionIsRetriedAndThenTypedAsTimeout() throws Exception {
        try (RawStoreServer server = RawStoreServer.start((out, socket) -> socket.setSoLinger(true, 0));
             PoliteHttpClient client = TestStores.client()) {

            Outcome outcome = search(server.baseUrl(), client);

            assertThat(outcome.failure().kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(outcome.failure().message()).contains("3 attempts");
            // the JDK client itself resends an idempotent GET once on a connection closed before any answer
            assertThat(server.searchRequests()).hasSizeBetween(3, 6);
        }
    }

    @Test
    void aSlowLorisSendingOneByteASecondTimesOutWithinTheStoresTimeoutPerAttempt() throws Exception {
        try (RawStoreServer server = RawStoreServer.start((out, socket) -> {
            for (byte b : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[]".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(1000);
            }
        }); PoliteHttpClient client = TestStores.client()) {

            Outcome outcome = search(server.baseUrl(), client);

            assertThat(outcome.failure().kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(outcome.failure().message()).contains("1500 ms");
            assertThat(outcome.took()).isLessThan(RETRIED_BUDGET);
        }
    }

    @Test
    void aFiftyMegabyteBodyIsCutOffAtTheCapWithABlockedFailure() throws Exception {
        AtomicLong written = new AtomicLong();
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) ' ');
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write('[');
                    for (int i = 0; i < 50 * 16; i++) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                    out.write(']');
                }
            });

            Outcome outcome = search(server.baseUrl(), client);

            assertThat(outcome.failure().kind()).isEqualTo(FailureKind.BLOCKED);
            assertThat(outcome.failure().message()).contains("larger than the cap of 5242880 bytes");
            assertThat(outcome.took()).isLessThan(TIMEOUT);
            Thread.sleep(200);
            assertThat(written.get()).as("bytes the server got to send").isLessThan(50L * 1024 * 1024);
            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(1);
        }
    }

    @Test
    void aGzipBombIsStoppedAtTheCapOnItsInflatedSize() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            byte[] spaces = new byte[1024 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            gzip.write('[');
            for (int i = 0; i < 64; i++) {
                gzip.write(spaces);
            }
            gzip.write(']');
        }
        assertThat(zipped.size()).as("compressed size").isLessThan(1024 * 1024);
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", zipped.toByteArray(),
                    Map.of("Content-Encoding", "gzip")));

            Outcome outcome = search(server.baseUrl(), client);

            assertThat(outcome.failure().kind()).isEqualTo(FailureKind.BLOCKED);
            assertThat(outcome.failure().message()).contains("larger than the cap of 5242880 bytes", "once inflated");
            assertThat(outcome.took()).isLessThan(TIMEOUT);
        }
    }

    @Test
    void anEndlessRedirectLoopStopsAtTheHopLimitWithABlockedFailure() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(302, "text/plain", new byte[0], Map.of("Location", "/a")));
            server.on("/a", LocalStoreServer.reply(302, "text/plain", new byte[0], Map.of("Location", "/b")));
            server.on("/b", LocalStoreServer.reply(302, "text/plain", new byte[0], Map.of("Location", "/a")));

            Outcome outcome = search(server.baseUrl(), client);

            assertThat(outcome.failure().kind()).isEqualTo(FailureKind.BLOCKED);
            assertThat(outcome.failure().message()).contains("redirected more than 5 times");
            // the search itself and five redirects followed; robots.txt is read once for the whole host
            assertThat(server.arrivals()).extracting(LocalStoreServer.Arrival::pathAndQuery)
                    .filteredOn(p -> !p.equals("/robots.txt")).hasSize(6);
            assertThat(outcome.took()).isLessThan(TIMEOUT);
        }
    }

    @Test
    void aCaptchaPageInsteadOfTheSearchIsTypedAsBlocked() throws Exception {
        String challenge = """
                <!DOCTYPE html><html><head><title>Just a moment...</title></head>
                <body><h1>Verifica que eres humano</h1><div class="g-recaptcha" data-sitekey="x"></div></body></html>
                """;
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "text/html; charset=utf-8", challenge));

            Outcome outcome = search(server.baseUrl(), client);

            assertThat(outcome.failure().kind()).isEqualTo(FailureKind.BLOCKED);
            assertThat(outcome.failure().message()).contains("store 'test-vtex'", "captcha");
            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(1);
        }
    }
}
