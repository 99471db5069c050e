package gt.dondelocompro.application.service;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.memory.InMemoryAnalyticsRepository;
import gt.dondelocompro.application.memory.InMemoryCatalogProductRepository;
import gt.dondelocompro.application.memory.InMemoryCategoryRepository;
import gt.dondelocompro.application.memory.InMemoryProductRepository;
import gt.dondelocompro.application.memory.InMemorySearchRepository;
import gt.dondelocompro.application.memory.InMemoryTransactions;
import gt.dondelocompro.application.memory.NoDatabase;
import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.application.testing.MutableClock;
import gt.dondelocompro.application.testing.ScriptedStore;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PopularSearch;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;
import gt.dondelocompro.domain.StorePerformance;
import gt.dondelocompro.domain.Vendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static gt.dondelocompro.application.testing.EventReader.names;
import static gt.dondelocompro.application.testing.EventReader.readToEnd;
import static gt.dondelocompro.application.testing.EventReader.readUntil;
import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/** Identical searches share the stores' answers: joining one still running, the cache, and stale answers refreshed once. */
class IdenticalSearchesTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private final InMemorySearchRepository searches = new InMemorySearchRepository();
    private final InMemoryProductRepository products = new InMemoryProductRepository();
    private final InMemoryAnalyticsRepository analytics = new InMemoryAnalyticsRepository();
    private DondeLoCompro core;

    @AfterEach
    void close() {
        if (core != null) {
            core.close(Duration.ofSeconds(2));
        }
    }

    private DondeLoCompro.Builder builder(ScriptedStore... stores) {
        return DondeLoCompro.builder().stores(List.of(stores)).persistence(searches, products,
                new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(), analytics,
                new InMemoryTransactions(), new NoDatabase());
    }

    private SearchTicket search(String query) {
        return core.startSearch().startSearch(StartSearchCommand.of(query, 10, true));
    }

    private EventSubscription follow(UUID searchId) {
        return core.subscribeToSearch().subscribe(searchId, 0).orElseThrow();
    }

    /** Blocks each call after the first {@code free} ones until {@code gate} opens. */
    private static ScriptedStore gatedAfter(int free, CountDownLatch gate, Vendor vendor, Offer... offers) {
        int[] calls = {0};
        return new ScriptedStore(vendor, (q, max) -> {
            boolean wait;
            synchronized (calls) {
                wait = ++calls[0] > free;
            }
            if (wait && !gate.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the gate never opened");
            }
            return StoreResult.Offers.of(List.of(offers));
        });
    }

    @Test
    void a_late_identical_search_joins_the_running_one_gets_every_event_once_in_order_and_is_recorded_as_answered_from_it()
            throws Exception {
        CountDownLatch slow = new CountDownLatch(1);
        ScriptedStore cemaco = gatedAfter(0, slow, CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        ScriptedStore elektra = ScriptedStore.answering(ELEKTRA, offer(ELEKTRA, "2", "Licuadora Oster", "459.00"));
        core = builder(cemaco, elektra).build();
        SearchTicket first = search("Licuadora Oster");
        List<RecordedEvent> firstSeen = new ArrayList<>();
        EventSubscription firstEvents = follow(first.searchId());
        readUntil(firstEvents, "vendor_completed", firstSeen, LIMIT); // elektra answered, cemaco still asked

        SearchTicket late = search("licuadora  óster");
        assertThat(late.joinedFrom()).isEqualTo(first.searchId());
        assertThat(late.searchId()).isNotEqualTo(first.searchId());
        assertThat(late.cached()).isFalse();
        assertThat(late.status()).isEqualTo(SearchStatus.RUNNING);
        EventSubscription lateEvents = follow(late.searchId());
        List<RecordedEvent> lateSeen = new ArrayList<>();
        readUntil(lateEvents, "vendor_completed", lateSeen, LIMIT); // what happened before it joined, at once
        slow.countDown();
        lateSeen.addAll(readToEnd(lateEvents, LIMIT));
        firstSeen.addAll(readToEnd(firstEvents, LIMIT));

        assertThat(lateSeen).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(names(lateSeen)).containsExactly("started", "vendor_started", "vendor_started", "product_found",
                "vendor_completed", "product_found", "vendor_completed", "completed");
        // the same events as the search it joined, but for the query typed
        assertThat(lateSeen.subList(1, lateSeen.size())).isEqualTo(firstSeen.subList(1, firstSeen.size()));
        assertThat(((SearchEvent.Started) lateSeen.getFirst().event()).query()).isEqualTo("licuadora  óster");
        assertThat(cemaco.calls()).isEqualTo(1);
        assertThat(elektra.calls()).isEqualTo(1);

        assertThat(core.recorder().awaitIdle(LIMIT)).isTrue();
        SearchSnapshot source = searches.findById(first.searchId()).orElseThrow();
        SearchSnapshot joined = searches.findById(late.searchId()).orElseThrow();
        assertThat(joined.joinedFrom()).isEqualTo(first.searchId());
        assertThat(joined.cachedFrom().completedAt()).isEqualTo(source.completedAt());
        assertThat(joined.offers()).isEqualTo(source.offers());
        assertThat(source.answeredFromAnother()).isFalse();
        // counted as a search of its query; the stores' answers and the prices seen once, for the search that asked
        assertThat(core.popularSearches().popularSearches(1, 10)).extracting(PopularSearch::query, PopularSearch::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("licuadora oster", 2L));
        assertThat(core.storePerformance().storePerformance(Optional.empty(), 1)).extracting(StorePerformance::totalSearches)
                .containsExactly(1, 1);
        Map<Offer, Long> ids = core.priceHistory().productIdsOf(joined.offers());
        assertThat(ids).hasSize(2);
        ids.values().forEach(id -> assertThat(core.priceHistory().priceHistory(id, 1).orElseThrow().observations()).hasSize(1));
    }

    @Test
    void a_hundred_identical_searches_at_once_ask_each_store_once_and_all_get_the_whole_answer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStore cemaco = gatedAfter(0, release, CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        ScriptedStore elektra = gatedAfter(0, release, ELEKTRA, offer(ELEKTRA, "2", "Licuadora Oster", "459.00"));
        ScriptedStore curacao = ScriptedStore.answering(CURACAO);
        core = builder(cemaco, elektra, curacao).build();
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<SearchTicket> tickets = new ConcurrentLinkedQueue<>();
        List<Thread> shoppers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            shoppers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    tickets.add(search("licuadora oster"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : shoppers) {
            t.join(LIMIT.toMillis());
        }
        release.countDown();

        assertThat(tickets).hasSize(100);
        List<SearchTicket> asked = tickets.stream().filter(t -> t.joinedFrom() == null).toList();
        assertThat(asked).hasSize(1);
        assertThat(tickets).filteredOn(t -> t.joinedFrom() != null).hasSize(99)
                .allSatisfy(t -> assertThat(t.joinedFrom()).isEqualTo(asked.getFirst().searchId()));
        List<RecordedEvent> leaderLog = readToEnd(follow(asked.getFirst().searchId()), LIMIT);
        for (SearchTicket t : tickets) {
            List<RecordedEvent> log = readToEnd(follow(t.searchId()), LIMIT);
            assertThat(log.subList(1, log.size())).isEqualTo(leaderLog.subList(1, leaderLog.size()));
        }
        assertThat(cemaco.calls()).isEqualTo(1);
        assertThat(elektra.calls()).isEqualTo(1);
        assertThat(curacao.calls()).isEqualTo(1);
        assertThat(core.recorder().awaitIdle(LIMIT)).isTrue();
        assertThat(core.recorder().stats().saved()).isEqualTo(100);
    }

    @Test
    void a_search_without_the_cache_is_not_joined_but_may_be_followed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStore cemaco = gatedAfter(0, release, CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        core = builder(cemaco).build();
        SearchTicket first = search("licuadora oster");
        SearchTicket fresh = core.startSearch().startSearch(StartSearchCommand.of("licuadora oster", 10, false));
        SearchTicket otherSize = core.startSearch().startSearch(StartSearchCommand.of("licuadora oster", 5, true));
        SearchTicket joined = search("LICUADORA OSTER");
        release.countDown();
        readToEnd(follow(joined.searchId()), LIMIT);
        readToEnd(follow(fresh.searchId()), LIMIT);
        readToEnd(follow(otherSize.searchId()), LIMIT);

        assertThat(fresh.joinedFrom()).isNull();
        assertThat(otherSize.joinedFrom()).isNull();
        assertThat(joined.joinedFrom()).isEqualTo(first.searchId());
        assertThat(cemaco.calls()).isEqualTo(3);
    }

    @Test
    void an_answer_older_than_the_cache_age_is_served_stale_while_one_refresh_asks_the_stores() throws Exception {
        CountDownLatch refreshed = new CountDownLatch(1);
        ScriptedStore cemaco = gatedAfter(1, refreshed, CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        MutableClock clock = new MutableClock();
        core = builder(cemaco).clock(clock).settings(SearchSettings.defaults().withCacheMaxAge(Duration.ofMinutes(30))
                .withCacheStaleAge(Duration.ofHours(6))).build();
        SearchTicket first = search("licuadora oster");
        readToEnd(follow(first.searchId()), LIMIT);
        // two hours on, the first search has left memory (live retention): its answer comes from the recorded copy
        assertThat(core.recorder().awaitIdle(LIMIT)).isTrue();

        clock.advance(Duration.ofHours(2));
        SearchTicket stale = search("licuadora oster");
        SearchTicket again = search("Licuadora  Oster");

        assertThat(stale.cached()).isTrue();
        assertThat(stale.stale()).isTrue();
        assertThat(stale.cacheAge()).isEqualTo(Duration.ofHours(2));
        assertThat(stale.refreshSearchId()).isNotNull().isNotIn(first.searchId(), stale.searchId());
        assertThat(again.stale()).isTrue();
        assertThat(again.refreshSearchId()).as("one refresh per query at a time").isEqualTo(stale.refreshSearchId());
        // the stale answer is whole at once
        assertThat(names(readToEnd(follow(stale.searchId()), LIMIT))).containsExactly(
                "started", "vendor_started", "product_found", "vendor_completed", "completed");
        SearchSnapshot staleAnswer = core.getSearch().getSearch(stale.searchId()).orElseThrow();
        assertThat(staleAnswer.stale()).isTrue();
        assertThat(staleAnswer.cachedFrom().searchId()).isEqualTo(first.searchId());
        assertThat(staleAnswer.cachedFrom().refreshSearchId()).isEqualTo(stale.refreshSearchId());
        // the refresh is a search of its own, followed like any other
        SearchSnapshot running = core.getSearch().getSearch(stale.refreshSearchId()).orElseThrow();
        assertThat(running.status()).as("started, maybe not yet asking").isIn(SearchStatus.INITIATED, SearchStatus.RUNNING);
        assertThat(running.answeredFromAnother()).isFalse();
        refreshed.countDown();
        assertThat(names(readToEnd(follow(stale.refreshSearchId()), LIMIT))).endsWith("completed");
        assertThat(cemaco.calls()).isEqualTo(2);

        SearchTicket afterRefresh = search("licuadora oster");
        assertThat(afterRefresh.cached()).isTrue();
        assertThat(afterRefresh.stale()).isFalse();
        assertThat(core.getSearch().getSearch(afterRefresh.searchId()).orElseThrow().cachedFrom().searchId())
                .isEqualTo(stale.refreshSearchId());

        clock.advance(Duration.ofHours(7));
        SearchTicket tooOld = search("licuadora oster");
        assertThat(tooOld.cached()).isFalse();
        assertThat(tooOld.joinedFrom()).isNull();
        readToEnd(follow(tooOld.searchId()), LIMIT);
        assertThat(cemaco.calls()).isEqualTo(3);
    }

    @Test
    void with_the_stale_limit_not_above_the_cache_age_an_old_answer_is_not_served() throws Exception {
        ScriptedStore cemaco = ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        MutableClock clock = new MutableClock();
        core = builder(cemaco).clock(clock).settings(SearchSettings.defaults().withCacheMaxAge(Duration.ofMinutes(30))
                .withCacheStaleAge(Duration.ZERO)).build();
        readToEnd(follow(search("licuadora oster").searchId()), LIMIT);

        clock.advance(Duration.ofMinutes(31));
        SearchTicket old = search("licuadora oster");
        readToEnd(follow(old.searchId()), LIMIT);

        assertThat(old.cached()).isFalse();
        assertThat(old.stale()).isFalse();
        assertThat(cemaco.calls()).isEqualTo(2);
    }

    @Test
    void a_search_evicted_from_memory_is_no_longer_the_cache_answer_and_the_latest_of_a_query_is() throws Exception {
        ScriptedStore cemaco = ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        // nothing recorded: the cache can only answer from memory
        core = builder(cemaco).rollout(new RolloutPolicy(true, 0))
                .settings(SearchSettings.defaults().withLiveSearchesKept(3, Duration.ofHours(1))).build();
        SearchTicket older = core.startSearch().startSearch(StartSearchCommand.of("licuadora", 10, false));
        readToEnd(follow(older.searchId()), LIMIT);
        SearchTicket newer = core.startSearch().startSearch(StartSearchCommand.of("licuadora", 10, false));
        readToEnd(follow(newer.searchId()), LIMIT);

        SearchTicket hit = search("licuadora");
        assertThat(hit.cached()).isTrue();
        assertThat(core.getSearch().getSearch(hit.searchId()).orElseThrow().cachedFrom().searchId()).isEqualTo(newer.searchId());

        for (String other : List.of("plancha", "tostadora", "batidora")) {
            readToEnd(follow(search(other).searchId()), LIMIT);
        }
        readToEnd(follow(search("cafetera").searchId()), LIMIT); // evicts beyond the count, oldest first
        assertThat(core.searchService().searchesInMemory()).isLessThanOrEqualTo(4);
        assertThat(core.getSearch().getSearch(newer.searchId())).isEmpty();
        int before = cemaco.calls();
        SearchTicket miss = search("licuadora");
        readToEnd(follow(miss.searchId()), LIMIT);

        assertThat(miss.cached()).isFalse();
        assertThat(cemaco.calls()).isEqualTo(before + 1);
    }
}
