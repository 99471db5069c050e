package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.GateObserver;
import gt.dondelocompro.adapters.scraping.http.HostGates;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.memory.InMemoryHostGates;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreRequest;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchQuery;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gates of many instances together ({@link HostGates#shared}), against a loopback store that counts requests in
 * flight: two clients stand for two instances, sharing one {@link InMemoryHostGates} as instances share Redis. A
 * store's {@code max_concurrency} and {@code min_delay_ms} hold for both together; a shared gate that cannot be reached
 * leaves each to its own gate (requests still go out); a request whose deadline passes, whose search no longer wants
 * it, or whose thread is interrupted while it waits for a shared lease is never sent and frees its local slot.
 */
class SharedGatesTest {

    private static final String VTEX_PATH = "/api/catalog_system/pub/products/search";
    private static final String ONE_PRODUCT = """
            [{"productName": "Licuadora Oster", "brand": "Oster", "link": "https://example.gt/licuadora/p",
              "items": [{"itemId": "77", "sellers": [{"commertialOffer": {"Price": 399.0, "IsAvailable": true}}]}]}]
            """;
    private static final SearchQuery QUERY = SearchQuery.of("licuadora");
    private static final String HOST = "127.0.0.1";

    private final Clock clock = Clock.systemUTC();

    private PoliteHttpClient instance(gt.dondelocompro.application.port.out.HostGates shared) {
        return new PoliteHttpClient(PoliteHttpClient.Settings.defaults().withBackoffBase(Duration.ofMillis(20)), clock,
                HostGates.shared(clock, shared), GateObserver.NONE);
    }

    private PoliteHttpClient alone() {
        return new PoliteHttpClient(PoliteHttpClient.Settings.defaults().withBackoffBase(Duration.ofMillis(20)), clock,
                HostGates.inProcess(clock), GateObserver.NONE);
    }

    private static Store store(LocalStoreServer server, PoliteHttpClient client, Duration minDelay, int concurrency) {
        StoreConfig base = TestStores.config("vtex", server.baseUrl());
        return Stores.create(new StoreConfig("tienda", "Tienda", base.baseUrl(), Platform.VTEX, true, null, null, 10, minDelay,
                concurrency, Duration.ofSeconds(5), null, null, null, null, null, null), client);
    }

    private static void slowAnswer(LocalStoreServer server, long millis) {
        server.on(VTEX_PATH, exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LocalStoreServer.reply(200, "application/json", ONE_PRODUCT).handle(exchange);
        });
    }

    /** {@code perInstance} searches on each of {@code stores} at once; every one must find the offer. */
    private static void searchAtOnce(List<Store> stores, int perInstance) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<StoreResult>> searches = new ArrayList<>();
            for (int i = 0; i < perInstance; i++) {
                for (Store store : stores) {
                    searches.add(pool.submit(() -> store.search(QUERY, 10)));
                }
            }
            for (Future<StoreResult> search : searches) {
                StoreResult result = search.get(20, TimeUnit.SECONDS);
                assertThat(result).as(String.valueOf(result)).isInstanceOf(StoreResult.Offers.class);
            }
        }
    }

    private static StoreRequest until(Instant deadline, AtomicBoolean wanted) {
        return new StoreRequest(QUERY, 10, deadline, wanted::get);
    }

    @Test
    void twoInstancesSharingTheGateNeverAskTheStoreHarderThanItsConcurrencyTogether() throws Exception {
        InMemoryHostGates redis = new InMemoryHostGates(clock);
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient a = instance(redis);
             PoliteHttpClient b = instance(redis)) {
            slowAnswer(server, 200);

            searchAtOnce(List.of(store(server, a, Duration.ZERO, 2), store(server, b, Duration.ZERO, 2)), 6);

            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(12);
            assertThat(server.maxInFlight()).as("at most 2 in flight for both instances, and 2 reached").isEqualTo(2);
        }
    }

    @Test
    void twoInstancesWithGatesOfTheirOwnAskTheStoreHarderThanItsConcurrency() throws Exception {
        // what the shared gate is for: the same load as above, each instance keeping the limit on its own
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient a = alone(); PoliteHttpClient b = alone()) {
            slowAnswer(server, 200);

            searchAtOnce(List.of(store(server, a, Duration.ZERO, 2), store(server, b, Duration.ZERO, 2)), 6);

            assertThat(server.maxInFlight()).isGreaterThan(2);
        }
    }

    @Test
    void twoInstancesSharingTheGateKeepTheMinimumDelayBetweenTheirRequestsTogether() throws Exception {
        InMemoryHostGates redis = new InMemoryHostGates(clock);
        Duration minDelay = Duration.ofMillis(300);
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient a = instance(redis);
             PoliteHttpClient b = instance(redis)) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));

            searchAtOnce(List.of(store(server, a, minDelay, 2), store(server, b, minDelay, 2)), 2);

            // every request to the host counts, each instance's robots.txt included
            List<Long> starts = server.arrivals().stream().map(LocalStoreServer.Arrival::nanos).sorted().toList();
            assertThat(starts).hasSize(6);
            for (int i = 1; i < starts.size(); i++) {
                // the gate spaces the sends; what the loopback adds to one arrival and not the next is far below this
                assertThat(Duration.ofNanos(starts.get(i) - starts.get(i - 1))).as("gap before request %d", i)
                        .isGreaterThanOrEqualTo(minDelay.minusMillis(60));
            }
        }
    }

    @Test
    void aSharedGateThatCannotBeReachedLeavesEachInstanceToItsOwnGateAndRequestsStillGoOut() throws Exception {
        InMemoryHostGates redis = new InMemoryHostGates(clock);
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger leased = new AtomicInteger();
        gt.dondelocompro.application.port.out.HostGates flaky = (host, max, minDelay, leaseTime, deadline) -> {
            asked.incrementAndGet();
            if (down.get()) {
                // what the Redis adapter throws while its connection is down
                throw new SharedStateUnavailableException("Redis at redis://127.0.0.1:1 is not connected", null);
            }
            Optional<gt.dondelocompro.application.port.out.HostGates.Lease> lease =
                    redis.acquire(host, max, minDelay, leaseTime, deadline);
            lease.ifPresent(l -> leased.incrementAndGet());
            return lease;
        };
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient a = instance(flaky)) {
            slowAnswer(server, 100);
            Store store = store(server, a, Duration.ZERO, 1);

            searchAtOnce(List.of(store), 4);

            assertThat(server.arrivalsAt(VTEX_PATH)).as("sent under the local gate alone").hasSize(4);
            assertThat(server.maxInFlight()).as("which still holds").isEqualTo(1);
            assertThat(asked.get()).as("asked, then left alone for a moment instead of once per request")
                    .isBetween(1, 4);
            assertThat(leased.get()).isZero();

            down.set(false);
            Thread.sleep(1_200); // past the moment the shared gate is left alone after a failure
            assertThat(store.search(QUERY, 10)).isInstanceOf(StoreResult.Offers.class);
            assertThat(leased.get()).as("the shared gate is used again once it answers").isEqualTo(1);
        }
    }

    @Test
    void aRequestWhoseDeadlinePassesWhileItWaitsForTheSharedLeaseIsNeverSentAndFreesItsLocalSlot() throws Exception {
        InMemoryHostGates redis = new InMemoryHostGates(clock);
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient a = instance(redis)) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));
            Store store = store(server, a, Duration.ZERO, 1);
            assertThat(store.search(QUERY, 10)).isInstanceOf(StoreResult.Offers.class); // robots.txt read, gate free
            // another instance holds the host's only slot
            var held = redis.acquire(HOST, 1, Duration.ZERO, Duration.ofSeconds(30), Instant.now().plusSeconds(1)).orElseThrow();

            long queuedAt = System.nanoTime();
            StoreResult late = store.search(until(Instant.now().plusMillis(400), new AtomicBoolean(true)));
            Duration waited = Duration.ofNanos(System.nanoTime() - queuedAt);

            assertThat(late).isInstanceOf(StoreResult.Failure.class);
            StoreResult.Failure failure = (StoreResult.Failure) late;
            assertThat(failure.kind()).as(failure.message()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(failure.message()).contains("127.0.0.1's shared politeness gate", "all instances together",
                    "never sent");
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(350)).isLessThan(Duration.ofSeconds(3));
            assertThat(server.arrivalsAt(VTEX_PATH)).as("only the first request reached the store").hasSize(1);

            held.close();
            // the local slot (one at a time) was given back: the next request is served at once
            assertThat(store.search(until(Instant.now().plusSeconds(2), new AtomicBoolean(true))))
                    .isInstanceOf(StoreResult.Offers.class);
            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(2);
        }
    }

    @Test
    void aRequestWaitingForTheSharedLeaseLeavesUnsentWhenItsSearchNoLongerWantsItOrItsThreadIsInterrupted() throws Exception {
        InMemoryHostGates redis = new InMemoryHostGates(clock);
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient a = instance(redis);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", ONE_PRODUCT));
            Store store = store(server, a, Duration.ZERO, 1);
            assertThat(store.search(QUERY, 10)).isInstanceOf(StoreResult.Offers.class);
            var held = redis.acquire(HOST, 1, Duration.ZERO, Duration.ofSeconds(30), Instant.now().plusSeconds(1)).orElseThrow();

            AtomicBoolean wanted = new AtomicBoolean(true);
            Future<StoreResult> unwanted = pool.submit(() -> store.search(until(Instant.now().plusSeconds(10), wanted)));
            Thread.sleep(300);
            assertThat(a.waiting("tienda")).as("waiting at the gate").isEqualTo(1);
            long givenUpAt = System.nanoTime();
            wanted.set(false);
            StoreResult left = unwanted.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - givenUpAt)).isLessThan(Duration.ofSeconds(2));
            assertThat(left).isInstanceOf(StoreResult.Failure.class);
            assertThat(((StoreResult.Failure) left).message()).contains("shared politeness gate unsent", "no longer needs");

            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicLong stoppedAt = new AtomicLong();
            Thread searcher = Thread.ofVirtual().start(() -> {
                try {
                    store.search(until(Instant.now().plusSeconds(10), new AtomicBoolean(true)));
                } catch (Throwable t) {
                    thrown.set(t);
                }
                stoppedAt.set(System.nanoTime());
            });
            Thread.sleep(300);
            long interruptedAt = System.nanoTime();
            searcher.interrupt();
            searcher.join(Duration.ofSeconds(5));
            assertThat(searcher.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(Duration.ofNanos(stoppedAt.get() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
            assertThat(server.arrivalsAt(VTEX_PATH)).as("neither was sent").hasSize(1);

            held.close();
            assertThat(store.search(until(Instant.now().plusSeconds(2), new AtomicBoolean(true))))
                    .as("both gave their local slot back").isInstanceOf(StoreResult.Offers.class);
        }
    }
}
