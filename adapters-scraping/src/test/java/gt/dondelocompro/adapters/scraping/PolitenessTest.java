package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchQuery;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Politeness and failure typing, end to end through a store adapter against local servers: retries,
 * timeouts, robots.txt, redirects, the size cap, gzip, per-host spacing and concurrency, interrupts.
 */
class PolitenessTest {

    private static final String VTEX_PATH = "/api/catalog_system/pub/products/search";
    private static final String ONE_PRODUCT = """
            [{"productName": "Licuadora Oster", "brand": "Oster", "link": "https://example.gt/licuadora/p",
              "items": [{"itemId": "77", "images": [{"imageUrl": "https://example.gt/l.jpg"}],
                         "sellers": [{"commertialOffer": {"Price": 399.0, "ListPrice": 499.0, "IsAvailable": true}}]}]}]
            """;
    private static final SearchQuery QUERY = SearchQuery.of("licuadora");

    private static Store vtex(LocalStoreServer server, PoliteHttpClient client) {
        return Stores.create(TestStores.config("vtex", server.baseUrl()), client);
    }

    private static StoreResult.Failure failure(StoreResult result) {
        assertThat(result).isInstanceOf(StoreResult.Failure.class);
        return (StoreResult.Failure) result;
    }

    @Test
    void tooManyRequestsWithRetryAfterOneSecondIsRetriedAfterThatDelayAndThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, exchange -> {
                if (calls.getAndIncrement() == 0) {
                    LocalStoreServer.reply(429, "text/plain", "slow down".getBytes(), Map.of("Retry-After", "1")).handle(exchange);
                } else {
                    LocalStoreServer.reply(200, "application/json", ONE_PRODUCT).handle(exchange);
                }
            });

            StoreResult result = vtex(server, client).search(QUERY, 10);

            assertThat(result).isInstanceOf(StoreResult.Offers.class);
            assertThat(((StoreResult.Offers) result).offers()).hasSize(1);
            var tries = server.arrivalsAt(VTEX_PATH);
            assertThat(tries).hasSize(2);
            assertThat(Duration.ofNanos(tries.get(1).nanos() - tries.get(0).nanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsWaitedForFromTheClientsClockNotTheMachines() throws Exception {
        // the machine's clock says nothing here: by the client's clock the date is one second (then a minute) away
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T15:04:05Z"), ZoneOffset.UTC);
        for (String date : List.of("Mon, 02 Mar 2026 15:04:06 GMT", "Mon, 02 Mar 2026 15:05:05 GMT")) {
            AtomicInteger calls = new AtomicInteger();
            try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client(clock)) {
                server.on(VTEX_PATH, exchange -> {
                    if (calls.getAndIncrement() == 0) {
                        LocalStoreServer.reply(429, "text/plain", "slow down".getBytes(), Map.of("Retry-After", date)).handle(exchange);
                    } else {
                        LocalStoreServer.reply(200, "application/json", ONE_PRODUCT).handle(exchange);
                    }
                });

                StoreResult result = vtex(server, client).search(QUERY, 10);

                var tries = server.arrivalsAt(VTEX_PATH);
                if (date.contains("15:04:06")) {
                    assertThat(result).as(date).isInstanceOf(StoreResult.Offers.class);
                    assertThat(tries).hasSize(2);
                    assertThat(Duration.ofNanos(tries.get(1).nanos() - tries.get(0).nanos()))
                            .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
                } else {
                    // a minute is longer than a search waits: the 429 is reported, not slept through
                    assertThat(failure(result).kind()).as(date).isEqualTo(FailureKind.HTTP_STATUS);
                    assertThat(tries).hasSize(1);
                }
            }
        }
    }

    @Test
    void robotsTxtIsReadAgainOnceItsDayIsOverByTheClientsClock() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T15:04:05Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client(clock)) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));
            Store store = vtex(server, client);

            store.search(QUERY, 10);
            now.set(now.get().plus(Duration.ofHours(23)));
            store.search(QUERY, 10);
            assertThat(server.arrivalsAt("/robots.txt")).hasSize(1);

            now.set(now.get().plus(Duration.ofHours(2)));
            store.search(QUERY, 10);
            assertThat(server.arrivalsAt("/robots.txt")).hasSize(2);
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheAttemptsRunOutThenTypedAsHttpStatus() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(503, "text/plain", "down"));

            StoreResult.Failure failure = failure(vtex(server, client).search(QUERY, 10));

            assertThat(failure.kind()).isEqualTo(FailureKind.HTTP_STATUS);
            assertThat(failure.message()).contains("store 'test-vtex'", VTEX_PATH, "HTTP 503");
            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(3);
        }
    }

    @Test
    void notFoundIsNotRetriedAndForbiddenIsTypedAsBlocked() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(404, "text/plain", "no"));
            assertThat(failure(vtex(server, client).search(QUERY, 10)).kind()).isEqualTo(FailureKind.HTTP_STATUS);
            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(1);

            server.on(VTEX_PATH, LocalStoreServer.reply(403, "text/html", "<h1>Access denied</h1>"));
            assertThat(failure(vtex(server, client).search(QUERY, 10)).kind()).isEqualTo(FailureKind.BLOCKED);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheConfiguredTime() throws Exception {
        PoliteHttpClient.Settings settings = PoliteHttpClient.Settings.defaults()
                .withMaxAttempts(2).withBackoffBase(Duration.ofMillis(20));
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = new PoliteHttpClient(settings)) {
            server.on(VTEX_PATH, exchange -> sleepQuietly(10_000));
            StoreConfig config = TestStores.config("vtex", server.baseUrl())
                    .withPoliteness(Duration.ZERO, 2, Duration.ofMillis(300));

            long start = System.nanoTime();
            StoreResult.Failure failure = failure(Stores.create(config, client).search(QUERY, 10));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(failure.message()).contains("store 'test-vtex'", VTEX_PATH, "300 ms", "2 attempts");
            // two attempts of 300 ms plus one backoff of at most 40 ms, with room for a slow machine
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void aSearchWaitingOnASilentStoreStopsAtOnceWhenItsThreadIsInterrupted() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, exchange -> sleepQuietly(10_000));
            StoreConfig config = TestStores.config("vtex", server.baseUrl())
                    .withPoliteness(Duration.ZERO, 2, Duration.ofSeconds(20));
            Store store = Stores.create(config, client);
            AtomicLong stoppedAt = new AtomicLong();
            List<Throwable> thrown = new ArrayList<>();
            Thread searcher = Thread.ofVirtual().start(() -> {
                try {
                    store.search(QUERY, 10);
                } catch (Throwable t) {
                    thrown.add(t);
                }
                stoppedAt.set(System.nanoTime());
            });
            while (server.arrivalsAt(VTEX_PATH).isEmpty()) {
                Thread.sleep(10);
            }

            long interruptedAt = System.nanoTime();
            searcher.interrupt();
            searcher.join(Duration.ofSeconds(2));

            assertThat(searcher.isAlive()).isFalse();
            assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
            assertThat(Duration.ofNanos(stoppedAt.get() - interruptedAt)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void robotsDisallowStopsTheSearchBeforeTheSearchPathIsEverRequested() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.robots("User-agent: *\nDisallow: /api/\n");
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));

            StoreResult.Failure failure = failure(vtex(server, client).search(QUERY, 10));

            assertThat(failure.kind()).isEqualTo(FailureKind.ROBOTS);
            assertThat(failure.message()).contains("store 'test-vtex'", "disallows", VTEX_PATH + "?ft=licuadora");
            assertThat(server.arrivals()).extracting(LocalStoreServer.Arrival::pathAndQuery).containsExactly("/robots.txt");
        }
    }

    @Test
    void robotsRulesForOurOwnAgentApplyEvenWhenOthersAreAllowedAndAreMatchedOnPathAndQuery() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.robots("User-agent: *\nAllow: /\n\nUser-agent: DondeLoCompro\nDisallow: /*ft=licuadora\n");
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));
            Store store = vtex(server, client);

            assertThat(failure(store.search(QUERY, 10)).kind()).isEqualTo(FailureKind.ROBOTS);
            assertThat(store.search(SearchQuery.of("tostadora"), 10)).isInstanceOf(StoreResult.Offers.class);
            // robots.txt is read once per host, however many searches follow
            assertThat(server.arrivalsAt("/robots.txt")).hasSize(1);
        }
    }

    @Test
    void anUnreachableRobotsTxtMeansNothingIsRequestedFromThatHost() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on("/robots.txt", LocalStoreServer.reply(503, "text/plain", "down"));
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));

            StoreResult.Failure failure = failure(vtex(server, client).search(QUERY, 10));

            assertThat(failure.kind()).isEqualTo(FailureKind.ROBOTS);
            assertThat(failure.message()).contains("robots.txt", "could not be read", "HTTP 503");
            assertThat(server.arrivalsAt(VTEX_PATH)).isEmpty();
        }
    }

    @Test
    void aRedirectToAnotherHostIsRefusedAndNeverFollowed() throws Exception {
        try (LocalStoreServer store = LocalStoreServer.start(); LocalStoreServer elsewhere = LocalStoreServer.start();
             PoliteHttpClient client = TestStores.client()) {
            // "localhost" is another host name than the store's 127.0.0.1, even on this machine
            String away = "http://localhost:" + URI.create(elsewhere.baseUrl()).getPort() + "/captcha";
            store.on(VTEX_PATH, LocalStoreServer.reply(302, "text/plain", new byte[0], Map.of("Location", away)));

            StoreResult.Failure failure = failure(vtex(store, client).search(QUERY, 10));

            assertThat(failure.kind()).isEqualTo(FailureKind.BLOCKED);
            assertThat(failure.message()).contains("redirected to " + away, "outside the store's own host");
            assertThat(elsewhere.arrivals()).isEmpty();
        }
    }

    @Test
    void aRedirectWithinTheStoresHostIsFollowed() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(301, "text/plain", new byte[0], Map.of("Location", "/moved")));
            server.on("/moved", LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));

            StoreResult result = vtex(server, client).search(QUERY, 10);

            assertThat(((StoreResult.Offers) result).offers()).hasSize(1);
        }
    }

    @Test
    void aRobotsTxtRedirectToAnotherLocalPortIsNeverFollowedAndTheStoreIsNotSearched() throws Exception {
        try (LocalStoreServer store = LocalStoreServer.start(); LocalStoreServer internal = LocalStoreServer.start();
             PoliteHttpClient client = TestStores.client()) {
            // what reached PostgreSQL: a blind GET to another port of the same machine
            String away = internal.baseUrl() + "/robots.txt";
            store.on("/robots.txt", LocalStoreServer.reply(302, "text/plain", new byte[0], Map.of("Location", away)));
            store.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));

            StoreResult.Failure failure = failure(vtex(store, client).search(QUERY, 10));

            assertThat(internal.arrivals()).isEmpty();
            // crawler-commons' convention for a 3xx it cannot follow: disallow all for now, ask again later
            assertThat(failure.kind()).isEqualTo(FailureKind.ROBOTS);
            assertThat(failure.message()).contains("robots.txt", "redirect to " + away + " refused");
            assertThat(store.arrivalsAt(VTEX_PATH)).isEmpty();
        }
    }

    @Test
    void aRobotsTxtRedirectWithinTheStoresHostIsFollowedAndItsRulesObeyed() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on("/robots.txt", LocalStoreServer.reply(301, "text/plain", new byte[0], Map.of("Location", "/real-robots.txt")));
            server.on("/real-robots.txt", LocalStoreServer.reply(200, "text/plain", "User-agent: *\nDisallow: /api/\n"));
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));

            StoreResult.Failure failure = failure(vtex(server, client).search(QUERY, 10));

            assertThat(failure.kind()).isEqualTo(FailureKind.ROBOTS);
            assertThat(failure.message()).contains("disallows", VTEX_PATH);
            assertThat(server.arrivals()).extracting(LocalStoreServer.Arrival::pathAndQuery)
                    .containsExactly("/robots.txt", "/real-robots.txt");
        }
    }

    @Test
    void aSearchRedirectToAnAllowedHostOnALoopbackPrivateOrMetadataAddressIsRefused() throws Exception {
        try (LocalStoreServer store = LocalStoreServer.start(); LocalStoreServer internal = LocalStoreServer.start();
             PoliteHttpClient client = TestStores.client()) {
            int internalPort = URI.create(internal.baseUrl()).getPort();
            List<String> targets = List.of("http://localhost:" + internalPort + "/x",
                    "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/admin", "http://[fd00::1]/x");
            StoreConfig config = TestStores.config("vtex", store.baseUrl())
                    .withAllowedHosts(List.of("localhost", "169.254.169.254", "10.1.2.3", "[fd00::1]"));
            for (String target : targets) {
                store.on(VTEX_PATH, LocalStoreServer.reply(302, "text/plain", new byte[0], Map.of("Location", target)));
                long start = System.nanoTime();

                StoreResult.Failure failure = failure(Stores.create(config, client).search(QUERY, 10));

                assertThat(failure.kind()).as(target).isEqualTo(FailureKind.BLOCKED);
                assertThat(failure.message()).as(target).contains("redirected to " + target, "not a public address");
                // refused before any connection is tried: a connection to 169.254.169.254 would wait out the timeout
                // (not timed for the first, loopback, target: it also pays for the client's first request)
                if (!target.contains("localhost")) {
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as(target).isLessThan(config.timeout());
                }
            }
            assertThat(internal.arrivals()).isEmpty();
        }
    }

    @Test
    void gzipIsAskedForAndDecoded() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(ONE_PRODUCT.getBytes(StandardCharsets.UTF_8));
        }
        List<String> acceptEncodings = new ArrayList<>();
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, exchange -> {
                acceptEncodings.add(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
                LocalStoreServer.reply(200, "application/json", zipped.toByteArray(), Map.of("Content-Encoding", "gzip")).handle(exchange);
            });

            StoreResult result = vtex(server, client).search(QUERY, 10);

            assertThat(((StoreResult.Offers) result).offers()).singleElement()
                    .satisfies(o -> assertThat(o.name()).isEqualTo("Licuadora Oster"));
            assertThat(acceptEncodings).containsExactly("gzip");
        }
    }

    @Test
    void theDefaultUserAgentIsTruthfulAndRotationIsOnlyWhatTheStoreOptsInto() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", "[]"));
            vtex(server, client).search(QUERY, 10);
            assertThat(server.arrivals()).extracting(LocalStoreServer.Arrival::userAgent)
                    .containsOnly(PoliteHttpClient.DEFAULT_USER_AGENT);

            StoreConfig base = TestStores.config("vtex", server.baseUrl());
            StoreConfig rotating = new StoreConfig("rotating", "Rotating", base.baseUrl(), Platform.VTEX, true, null, null, 10,
                    Duration.ZERO, 2, base.timeout(), null, null, null, null, List.of("AgentA/1", "AgentB/2"), null);
            for (int i = 0; i < 6; i++) {
                Stores.create(rotating, client).search(QUERY, 10);
            }
            assertThat(server.arrivalsAt(VTEX_PATH).subList(1, 7)).extracting(LocalStoreServer.Arrival::userAgent)
                    .allMatch(ua -> ua.equals("AgentA/1") || ua.equals("AgentB/2"));
        }
    }

    @Test
    void aStoreWithAProxySendsEveryRequestThroughIt() throws Exception {
        try (LocalStoreServer proxy = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            proxy.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));
            // the store's host does not exist: only a request sent through the proxy can be answered
            StoreConfig config = new StoreConfig("proxied", "Proxied", URI.create("http://tienda.invalid"), Platform.VTEX, true,
                    null, null, 10, Duration.ZERO, 2, Duration.ofSeconds(3),
                    java.net.InetSocketAddress.createUnresolved("127.0.0.1", URI.create(proxy.baseUrl()).getPort()),
                    null, null, null, null, null);

            StoreResult result = Stores.create(config, client).search(QUERY, 10);

            assertThat(((StoreResult.Offers) result).offers()).hasSize(1);
            assertThat(proxy.arrivals()).extracting(LocalStoreServer.Arrival::pathAndQuery)
                    .containsExactly("/robots.txt", VTEX_PATH + "?ft=licuadora&_from=0&_to=9");
        }
    }

    @Test
    void theMinimumDelayPerHostHoldsAcrossConcurrentSearchesOfStoresSharingTheHost() throws Exception {
        Duration minDelay = Duration.ofMillis(200);
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));
            // one request at a time, so that spacing measured at the server needs no allowance for client jitter
            List<Store> stores = List.of(
                    storeOnSameHost("store-a", server, client, minDelay, 1),
                    storeOnSameHost("store-b", server, client, minDelay, 1));
            List<Future<StoreResult>> searches = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Store store = stores.get(i % 2);
                searches.add(pool.submit(() -> store.search(QUERY, 10)));
            }
            for (Future<StoreResult> search : searches) {
                assertThat(search.get(10, TimeUnit.SECONDS)).isInstanceOf(StoreResult.Offers.class);
            }

            // every request to the host counts, robots.txt included
            List<Long> arrivals = server.arrivals().stream().map(LocalStoreServer.Arrival::nanos).sorted().toList();
            assertThat(arrivals).hasSize(7);
            for (int i = 1; i < arrivals.size(); i++) {
                assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1)))
                        .as("gap before request %d", i).isGreaterThanOrEqualTo(minDelay);
            }
        }
    }

    @Test
    void theConcurrencyLimitPerHostHoldsAcrossConcurrentSearches() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            server.on(VTEX_PATH, exchange -> {
                sleepQuietly(150);
                LocalStoreServer.reply(200, "application/json", ONE_PRODUCT).handle(exchange);
            });
            List<Store> stores = List.of(
                    storeOnSameHost("store-a", server, client, Duration.ZERO, 2),
                    storeOnSameHost("store-b", server, client, Duration.ZERO, 2));
            List<Future<StoreResult>> searches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Store store = stores.get(i % 2);
                searches.add(pool.submit(() -> store.search(QUERY, 10)));
            }
            for (Future<StoreResult> search : searches) {
                assertThat(search.get(10, TimeUnit.SECONDS)).isInstanceOf(StoreResult.Offers.class);
            }

            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(8);
            assertThat(server.maxInFlight()).isEqualTo(2);
        }
    }

    private static Store storeOnSameHost(String id, LocalStoreServer server, PoliteHttpClient client, Duration minDelay,
                                         int concurrency) {
        StoreConfig base = TestStores.config("vtex", server.baseUrl());
        return Stores.create(new StoreConfig(id, id, base.baseUrl(), Platform.VTEX, true, null, null, 10, minDelay,
                concurrency, Duration.ofSeconds(5), null, null, null, null, null, null), client);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
