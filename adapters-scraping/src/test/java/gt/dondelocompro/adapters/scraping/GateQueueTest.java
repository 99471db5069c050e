package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.GateObserver;
import gt.dondelocompro.adapters.scraping.http.HostGates;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store capacity goes only to answers someone will see, through a real adapter against a loopback store that counts
 * the requests it receives: a queued request nobody can use any more is never sent, and a queue longer than can be
 * served before the deadline is answered {@code busy} at once.
 */
class GateQueueTest {

    private static final String VTEX_PATH = "/api/catalog_system/pub/products/search";
    private static final String ONE_PRODUCT = """
            [{"productName": "Licuadora Oster", "brand": "Oster", "link": "https://example.gt/licuadora/p",
              "items": [{"itemId": "77", "sellers": [{"commertialOffer": {"Price": 399.0, "IsAvailable": true}}]}]}]
            """;
    private static final SearchQuery QUERY = SearchQuery.of("licuadora");

    private record Wait(String storeId, Duration waited, GateObserver.Outcome outcome) {
    }

    private final List<Wait> waits = new CopyOnWriteArrayList<>();

    private PoliteHttpClient client() {
        Clock clock = Clock.systemUTC();
        return new PoliteHttpClient(PoliteHttpClient.Settings.defaults().withBackoffBase(Duration.ofMillis(20)), clock,
                HostGates.inProcess(clock), (store, waited, outcome) -> waits.add(new Wait(store, waited, outcome)));
    }

    private static Store store(LocalStoreServer server, PoliteHttpClient client, Duration minDelay, int concurrency) {
        StoreConfig base = TestStores.config("vtex", server.baseUrl());
        return Stores.create(new StoreConfig("tienda", "Tienda", base.baseUrl(), Platform.VTEX, true, null, null, 10, minDelay,
                concurrency, Duration.ofSeconds(5), null, null, null, null, null, null), client);
    }

    private static StoreRequest until(Instant deadline, AtomicBoolean wanted) {
        return new StoreRequest(QUERY, 10, deadline, wanted::get);
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

    private static void awaitArrivals(LocalStoreServer server, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.arrivalsAt(VTEX_PATH).size() < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(n);
    }

    @Test
    void aQueuedRequestWhoseSearchNoLongerWantsItLeavesTheQueueAndIsNeverSent() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = client();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            slowAnswer(server, 1_000);
            Store store = store(server, client, Duration.ZERO, 1);
            Instant deadline = Instant.now().plusSeconds(10);
            Future<StoreResult> first = pool.submit(() -> store.search(until(deadline, new AtomicBoolean(true))));
            awaitArrivals(server, 1);
            AtomicBoolean wanted = new AtomicBoolean(true);
            Future<StoreResult> second = pool.submit(() -> store.search(until(deadline, wanted)));
            Thread.sleep(100);
            assertThat(client.waiting("tienda")).as("queued behind the first").isEqualTo(1);

            long givenUpAt = System.nanoTime();
            wanted.set(false); // its search finished without it, was cancelled, or nobody follows it any more
            StoreResult left = second.get(5, TimeUnit.SECONDS);
            Duration leftAfter = Duration.ofNanos(System.nanoTime() - givenUpAt);

            assertThat(left).isInstanceOf(StoreResult.Failure.class);
            assertThat(((StoreResult.Failure) left).message()).contains("no longer needs the answer");
            assertThat(leftAfter).isLessThan(Duration.ofMillis(600));
            assertThat(client.waiting("tienda")).isZero();
            assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(StoreResult.Offers.class);
            Thread.sleep(300); // the slot is free again: a request still queued would be sent now
            assertThat(server.arrivalsAt(VTEX_PATH)).as("only the wanted request reached the store").hasSize(1);
            assertThat(waits).filteredOn(w -> w.outcome() == GateObserver.Outcome.DROPPED).singleElement()
                    .satisfies(w -> assertThat(w.storeId()).isEqualTo("tienda"));
        }
    }

    @Test
    void aQueuedRequestWhoseDeadlinePassesWhileItWaitsIsNeverSent() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = client();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            slowAnswer(server, 1_000);
            Store store = store(server, client, Duration.ZERO, 1);
            Future<StoreResult> first = pool.submit(() -> store.search(until(Instant.now().plusSeconds(10), new AtomicBoolean(true))));
            awaitArrivals(server, 1);
            // the host's pace is not known yet, so the gate lets it wait; its deadline comes long before the first answers
            long queuedAt = System.nanoTime();
            StoreResult late = store.search(until(Instant.now().plusMillis(300), new AtomicBoolean(true)));
            Duration waited = Duration.ofNanos(System.nanoTime() - queuedAt);

            // left at its deadline, or just before it once the answer could no longer come in time (busy)
            assertThat(late).isInstanceOf(StoreResult.Failure.class);
            assertThat(((StoreResult.Failure) late).kind()).isIn(FailureKind.TIMEOUT, FailureKind.BUSY);
            assertThat(((StoreResult.Failure) late).message()).containsAnyOf("never sent", "not sent");
            assertThat(waited).isBetween(Duration.ofMillis(200), Duration.ofMillis(900));
            assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(StoreResult.Offers.class);
            Thread.sleep(300);
            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(1);
        }
    }

    @Test
    void aRetryThereIsNoTimeLeftForIsNotSentAndTheStoreIsReportedAsWhatItDidNotBusy() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = client()) {
            slowAnswer(server, 5_000);
            StoreConfig base = TestStores.config("vtex", server.baseUrl());
            Store store = Stores.create(new StoreConfig("tienda", "Tienda", base.baseUrl(), Platform.VTEX, true, null, null, 10,
                    Duration.ZERO, 1, Duration.ofMillis(300), null, null, null, null, null, null), client);

            // each attempt times out after 300 ms; once the host's pace shows it, a third would end after the deadline
            StoreResult result = store.search(until(Instant.now().plusMillis(800), new AtomicBoolean(true)));

            assertThat(result).isInstanceOf(StoreResult.Failure.class);
            StoreResult.Failure failure = (StoreResult.Failure) result;
            assertThat(failure.kind()).as(failure.message()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(failure.message()).contains("no complete answer within 300 ms (2 attempts)", "not tried again");
            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(2);
        }
    }

    @Test
    void aQueueLongerThanTheHostCanServeBeforeTheDeadlineIsAnsweredBusyAtOnceAndTheRestAreServed() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = client();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            slowAnswer(server, 100);
            // one request at a time, 400 ms apart: within 2 s the host can answer about four of them
            Store store = store(server, client, Duration.ofMillis(400), 1);
            Instant deadline = Instant.now().plusSeconds(2);
            record Answer(StoreResult result, Duration after) {
            }
            long start = System.nanoTime();
            List<Future<Answer>> searches = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                searches.add(pool.submit(() -> {
                    StoreResult r = store.search(until(deadline, new AtomicBoolean(true)));
                    return new Answer(r, Duration.ofNanos(System.nanoTime() - start));
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : searches) {
                answers.add(f.get(10, TimeUnit.SECONDS));
            }

            List<Answer> served = answers.stream().filter(a -> a.result() instanceof StoreResult.Offers).toList();
            List<Answer> busy = answers.stream().filter(a -> a.result() instanceof StoreResult.Failure f
                    && f.kind() == FailureKind.BUSY).toList();
            assertThat(served.size() + busy.size()).as("every one was either served or busy").isEqualTo(12);
            assertThat(served).hasSizeBetween(2, 5);
            assertThat(served).allSatisfy(a -> assertThat(a.after()).isLessThan(Duration.ofSeconds(2)));
            // busy before the deadline, not at it: most on arrival, the rest as soon as the host's pace showed it
            assertThat(busy).allSatisfy(a -> assertThat(a.after()).isLessThan(Duration.ofMillis(1_900)));
            assertThat(busy).filteredOn(a -> a.after().compareTo(Duration.ofMillis(800)) < 0).hasSizeGreaterThanOrEqualTo(6);
            assertThat(((StoreResult.Failure) busy.getFirst().result()).message())
                    .contains("store 'tienda'", "requests were ahead of it", "politeness gate");
            assertThat(server.arrivalsAt(VTEX_PATH)).as("a busy request is never sent").hasSize(served.size());
            assertThat(waits).filteredOn(w -> w.outcome() == GateObserver.Outcome.BUSY).hasSize(busy.size());
            assertThat(client.waiting("tienda")).isZero();
        }
    }
}
