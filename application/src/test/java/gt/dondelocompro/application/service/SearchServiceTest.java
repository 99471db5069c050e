package gt.dondelocompro.application.service;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.ServiceClosedException;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.application.testing.MutableClock;
import gt.dondelocompro.application.testing.ScriptedStore;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;
import gt.dondelocompro.domain.Vendor;
import gt.dondelocompro.domain.VendorOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static gt.dondelocompro.application.testing.EventReader.names;
import static gt.dondelocompro.application.testing.EventReader.readToEnd;
import static gt.dondelocompro.application.testing.EventReader.readUntil;
import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchServiceTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private DondeLoCompro core;

    @AfterEach
    void close() {
        if (core != null) {
            core.close(Duration.ofSeconds(2));
        }
    }

    private DondeLoCompro core(SearchSettings settings, ScriptedStore... stores) {
        core = DondeLoCompro.builder().stores(List.of(stores)).settings(settings).build();
        return core;
    }

    private DondeLoCompro core(ScriptedStore... stores) {
        return core(SearchSettings.defaults(), stores);
    }

    private SearchTicket search(String query) {
        return core.startSearch().startSearch(StartSearchCommand.of(query, 10, true));
    }

    private EventSubscription follow(SearchTicket ticket, long after) {
        return core.subscribeToSearch().subscribe(ticket.searchId(), after).orElseThrow();
    }

    @Test
    void stores_are_asked_concurrently() throws Exception {
        // each store answers only once all three have been asked: asked one after another, none would answer
        int n = 3;
        CountDownLatch allAsked = new CountDownLatch(n);
        List<ScriptedStore> stores = IntStream.range(0, n).mapToObj(i -> {
            Vendor v = Vendor.of("store" + i, "Store " + i);
            return new ScriptedStore(v, (q, max) -> {
                allAsked.countDown();
                if (!allAsked.await(5, TimeUnit.SECONDS)) {
                    return new StoreResult.Failure(FailureKind.TIMEOUT, "the other stores were never asked");
                }
                return StoreResult.Offers.of(List.of(offer(v, "1", "Licuadora", "100.00")));
            });
        }).toList();
        core(stores.toArray(ScriptedStore[]::new));

        SearchTicket ticket = search("licuadora");
        readToEnd(follow(ticket, 0), LIMIT);

        SearchSnapshot done = core.getSearch().getSearch(ticket.searchId()).orElseThrow();
        assertThat(done.outcomes()).allMatch(VendorOutcome::succeeded);
        assertThat(done.offers()).hasSize(3);
    }

    @Test
    void each_offer_is_published_the_moment_its_store_answers() throws Exception {
        CountDownLatch slowGate = new CountDownLatch(1);
        core(ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00")),
                ScriptedStore.answeringAfter(slowGate, ELEKTRA, offer(ELEKTRA, "2", "Licuadora Oster", "459.00")));
        SearchTicket ticket = search("licuadora oster");
        EventSubscription events = follow(ticket, 0);

        List<RecordedEvent> seen = new ArrayList<>();
        RecordedEvent found = readUntil(events, "product_found", seen, LIMIT);
        assertThat(((SearchEvent.ProductFound) found.event()).vendorId()).isEqualTo("cemaco");
        assertThat(core.getSearch().getSearch(ticket.searchId()).orElseThrow().status()).isEqualTo(SearchStatus.RUNNING);

        slowGate.countDown();
        seen.addAll(readToEnd(events, LIMIT));
        assertThat(names(seen)).containsSubsequence("product_found", "vendor_completed", "product_found", "vendor_completed", "completed");
        SearchEvent.Completed completed = (SearchEvent.Completed) seen.getLast().event();
        assertThat(completed.cheapest().vendorId()).isEqualTo("elektra");
        assertThat(completed.totalResults()).isEqualTo(2);
    }

    @Test
    void a_failing_and_a_hanging_store_still_let_the_search_complete() throws Exception {
        ScriptedStore hanging = ScriptedStore.hanging(CURACAO);
        core(SearchSettings.defaults().withStoreTimeout(Duration.ofMillis(300)),
                ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00")),
                ScriptedStore.failing(ELEKTRA, FailureKind.HTTP_STATUS, "HTTP 503 from /api/catalog_system"),
                hanging);

        SearchTicket ticket = search("licuadora");
        List<RecordedEvent> events = readToEnd(follow(ticket, 0), LIMIT);

        List<SearchEvent.VendorError> errors = events.stream().map(RecordedEvent::event)
                .filter(SearchEvent.VendorError.class::isInstance).map(SearchEvent.VendorError.class::cast).toList();
        assertThat(errors).extracting(SearchEvent.VendorError::vendorId).containsExactlyInAnyOrder("elektra", "curacao");
        assertThat(errors).filteredOn(e -> e.vendorId().equals("curacao")).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT));
        assertThat(errors).filteredOn(e -> e.vendorId().equals("elektra")).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(FailureKind.HTTP_STATUS));
        assertThat(events.getLast().event().name()).isEqualTo("completed");
        SearchSnapshot done = core.getSearch().getSearch(ticket.searchId()).orElseThrow();
        assertThat(done.status()).isEqualTo(SearchStatus.COMPLETED);
        assertThat(done.offers()).extracting(Offer::vendorId).containsExactly("cemaco");
    }

    @Test
    void a_store_that_throws_is_reported_not_fatal() throws Exception {
        core(new ScriptedStore(CEMACO, (q, max) -> {
            throw new IllegalStateException("bug in adapter");
        }), ScriptedStore.answering(ELEKTRA, offer(ELEKTRA, "1", "Licuadora", "10.00")));

        SearchTicket ticket = search("licuadora");
        readToEnd(follow(ticket, 0), LIMIT);

        SearchSnapshot done = core.getSearch().getSearch(ticket.searchId()).orElseThrow();
        assertThat(done.outcomes()).extracting(VendorOutcome::kind).containsExactly(FailureKind.PARSE, null);
        assertThat(done.outcomes().getFirst().error()).contains("bug in adapter");
    }

    @Test
    void max_results_applies_per_store() throws Exception {
        Offer[] many = IntStream.range(0, 8).mapToObj(i -> offer(CEMACO, "c" + i, "Licuadora " + i, "10.00")).toArray(Offer[]::new);
        Offer[] few = IntStream.range(0, 2).mapToObj(i -> offer(ELEKTRA, "e" + i, "Licuadora " + i, "10.00")).toArray(Offer[]::new);
        core(ScriptedStore.answering(CEMACO, many), ScriptedStore.answering(ELEKTRA, few));

        SearchTicket ticket = core.startSearch().startSearch(StartSearchCommand.of("licuadora", 3, false));
        readToEnd(follow(ticket, 0), LIMIT);

        SearchSnapshot done = core.getSearch().getSearch(ticket.searchId()).orElseThrow();
        assertThat(done.outcomes()).extracting(VendorOutcome::productsFound).containsExactly(3, 2);
    }

    @Test
    void a_search_with_no_active_store_fails_with_a_reason() throws Exception {
        core();
        SearchTicket ticket = search("licuadora");

        List<RecordedEvent> events = readToEnd(follow(ticket, 0), LIMIT);

        assertThat(names(events)).containsExactly("error");
        assertThat(core.getSearch().getSearch(ticket.searchId()).orElseThrow().errorMessage()).contains("no active stores");
    }

    @Test
    void late_and_resuming_subscribers_get_every_later_event_once_and_in_order() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        core(ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora", "10.00"), offer(CEMACO, "2", "Licuadora", "11.00")),
                ScriptedStore.answeringAfter(gate, ELEKTRA, offer(ELEKTRA, "3", "Licuadora", "12.00")));
        SearchTicket ticket = search("licuadora");
        EventSubscription early = follow(ticket, 0);
        List<RecordedEvent> earlySeen = new ArrayList<>();
        readUntil(early, "vendor_completed", earlySeen, LIMIT);

        // arrives while the search runs: replay first, then live
        EventSubscription late = follow(ticket, 0);
        // resumes after event 3, as a browser sends Last-Event-ID: 3
        EventSubscription resumed = follow(ticket, 3);
        gate.countDown();

        List<RecordedEvent> all = new ArrayList<>(earlySeen);
        all.addAll(readToEnd(early, LIMIT));
        List<RecordedEvent> lateSeen = readToEnd(late, LIMIT);
        List<RecordedEvent> resumedSeen = readToEnd(resumed, LIMIT);
        // and one that arrives after the end
        List<RecordedEvent> afterEnd = readToEnd(follow(ticket, 0), LIMIT);
        List<RecordedEvent> resumedAtEnd = readToEnd(follow(ticket, all.size()), LIMIT);

        assertThat(all).extracting(RecordedEvent::sequence).isEqualTo(IntStream.rangeClosed(1, all.size()).mapToObj(i -> (long) i).toList());
        assertThat(lateSeen).isEqualTo(all);
        assertThat(afterEnd).isEqualTo(all);
        assertThat(resumedSeen).isEqualTo(all.subList(3, all.size()));
        assertThat(resumedAtEnd).isEmpty();
        assertThat(all.getLast().event().name()).isEqualTo("completed");
    }

    @Test
    void many_concurrent_subscribers_see_the_same_log() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        core(ScriptedStore.answeringAfter(gate, CEMACO, offer(CEMACO, "1", "Licuadora", "10.00")),
                ScriptedStore.answeringAfter(gate, ELEKTRA, offer(ELEKTRA, "2", "Licuadora", "12.00")));
        SearchTicket ticket = search("licuadora");
        List<Thread> readers = new ArrayList<>();
        List<List<RecordedEvent>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 20; i++) {
            EventSubscription s = follow(ticket, 0);
            readers.add(Thread.ofVirtual().start(() -> {
                try {
                    results.add(readToEnd(s, LIMIT));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        gate.countDown();
        for (Thread t : readers) {
            t.join();
        }

        SearchSnapshot done = core.getSearch().getSearch(ticket.searchId()).orElseThrow();
        assertThat(results).hasSize(20).allSatisfy(r -> assertThat(r).isEqualTo(done.events()));
    }

    @Test
    void an_unknown_search_is_not_found() {
        core(ScriptedStore.answering(CEMACO));
        assertThat(core.getSearch().getSearch(java.util.UUID.randomUUID())).isEmpty();
        assertThat(core.subscribeToSearch().subscribe(java.util.UUID.randomUUID(), 0)).isEmpty();
    }

    @Test
    void a_repeated_query_is_answered_from_the_cache_and_marked_cached() throws Exception {
        ScriptedStore cemaco = ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        core(cemaco);
        SearchTicket first = search("Licuadora  OSTER");
        readToEnd(follow(first, 0), LIMIT);

        SearchTicket second = search("licuadora óster");

        assertThat(second.cached()).isTrue();
        assertThat(second.searchId()).isNotEqualTo(first.searchId());
        assertThat(cemaco.calls()).isEqualTo(1);
        SearchSnapshot answer = core.getSearch().getSearch(second.searchId()).orElseThrow();
        assertThat(answer.cachedFrom().searchId()).isEqualTo(first.searchId());
        assertThat(answer.offers()).isEqualTo(core.getSearch().getSearch(first.searchId()).orElseThrow().offers());
        assertThat(names(readToEnd(follow(second, 0), LIMIT))).containsExactly(
                "started", "vendor_started", "product_found", "vendor_completed", "completed");
    }

    @Test
    void the_cache_is_missed_when_asked_not_to_use_it_or_for_another_size_or_when_too_old() throws Exception {
        ScriptedStore cemaco = ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        core(cemaco);
        readToEnd(follow(search("licuadora oster"), 0), LIMIT);

        SearchTicket noCache = core.startSearch().startSearch(StartSearchCommand.of("licuadora oster", 10, false));
        readToEnd(follow(noCache, 0), LIMIT);
        SearchTicket otherSize = core.startSearch().startSearch(StartSearchCommand.of("licuadora oster", 5, true));
        readToEnd(follow(otherSize, 0), LIMIT);

        assertThat(noCache.cached()).isFalse();
        assertThat(otherSize.cached()).isFalse();
        assertThat(cemaco.calls()).isEqualTo(3);
    }

    @Test
    void a_cached_answer_older_than_the_max_age_is_not_used_as_fresh() throws Exception {
        ScriptedStore cemaco = ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        MutableClock clock = new MutableClock();
        core = DondeLoCompro.builder().store(cemaco).clock(clock)
                .settings(SearchSettings.defaults().withCacheMaxAge(Duration.ofMinutes(30)).withCacheStaleAge(Duration.ZERO)).build();
        readToEnd(follow(search("licuadora oster"), 0), LIMIT);

        clock.advance(Duration.ofMinutes(29));
        assertThat(search("licuadora oster").cached()).isTrue();
        clock.advance(Duration.ofMinutes(2));
        SearchTicket stale = search("licuadora oster");
        readToEnd(follow(stale, 0), LIMIT);

        assertThat(stale.cached()).isFalse();
        assertThat(cemaco.calls()).isEqualTo(2);
    }

    @Test
    void after_close_no_search_is_taken_and_running_ones_are_completed_and_recorded() throws Exception {
        ScriptedStore hanging = ScriptedStore.hanging(CURACAO);
        core(hanging, ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora", "10.00")));
        SearchTicket ticket = search("licuadora");
        EventSubscription events = follow(ticket, 0);
        readUntil(events, "vendor_completed", new ArrayList<>(), LIMIT);

        core.close(Duration.ofMillis(100));

        assertThatThrownBy(() -> search("otra")).isInstanceOf(ServiceClosedException.class).hasMessageContaining("shutting down");
        SearchSnapshot done = core.getSearch().getSearch(ticket.searchId()).orElseThrow();
        assertThat(done.status()).isEqualTo(SearchStatus.COMPLETED);
        assertThat(done.outcomes()).filteredOn(o -> o.vendorId().equals("curacao")).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(FailureKind.TIMEOUT));
        assertThat(core.recorder().stats().saved()).isEqualTo(1);
        core = null;
    }

    @Test
    void finished_searches_leave_memory_beyond_the_configured_count() throws Exception {
        core(SearchSettings.defaults().withLiveSearchesKept(5, Duration.ofHours(1)),
                ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora", "10.00")));
        List<SearchTicket> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SearchTicket t = core.startSearch().startSearch(StartSearchCommand.of("licuadora " + i, 10, false));
            readToEnd(follow(t, 0), LIMIT);
            tickets.add(t);
        }

        assertThat(core.searchService().searchesInMemory()).isLessThanOrEqualTo(6);
        assertThat(core.recorder().awaitIdle(LIMIT)).isTrue();
        // still readable from the store of record
        assertThat(core.getSearch().getSearch(tickets.getFirst().searchId())).isPresent();
    }

    @Test
    void a_finished_search_still_waiting_to_be_saved_stays_in_memory_beyond_the_count() throws Exception {
        SearchRecorderTest.OutageSearchRepository searches = new SearchRecorderTest.OutageSearchRepository();
        searches.down = true;
        var products = new gt.dondelocompro.application.memory.InMemoryProductRepository();
        core = DondeLoCompro.builder().store(ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora", "10.00")))
                .persistence(searches, products, new gt.dondelocompro.application.memory.InMemoryCatalogProductRepository(products),
                        new gt.dondelocompro.application.memory.InMemoryCategoryRepository(),
                        new gt.dondelocompro.application.memory.InMemoryAnalyticsRepository(),
                        new gt.dondelocompro.application.memory.InMemoryTransactions(),
                        new gt.dondelocompro.application.memory.NoDatabase())
                .retry(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 100_000))
                .settings(SearchSettings.defaults().withLiveSearchesKept(2, Duration.ofHours(1))).build();
        List<SearchTicket> tickets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SearchTicket t = core.startSearch().startSearch(StartSearchCommand.of("licuadora " + i, 10, false));
            readToEnd(follow(t, 0), LIMIT);
            tickets.add(t);
        }

        // the store of record cannot have them yet: memory is where they can be read
        for (SearchTicket t : tickets) {
            assertThat(core.getSearch().getSearch(t.searchId())).as("search %s while unsaved", t.searchId()).isPresent();
        }
        assertThat(core.searchService().searchesInMemory()).isEqualTo(6);

        searches.down = false;
        assertThat(core.recorder().awaitIdle(LIMIT)).isTrue();
        readToEnd(follow(core.startSearch().startSearch(StartSearchCommand.of("plancha", 10, false)), 0), LIMIT);
        assertThat(core.searchService().searchesInMemory()).as("saved, they leave memory beyond the count").isLessThanOrEqualTo(3);
        assertThat(core.getSearch().getSearch(tickets.getFirst().searchId())).as("read back from the store of record").isPresent();
    }

    @Test
    void a_finished_search_leaves_memory_after_the_live_retention_by_the_core_clock() throws Exception {
        ScriptedStore cemaco = ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00"));
        MutableClock clock = new MutableClock();
        core = DondeLoCompro.builder().store(cemaco).clock(clock)
                .settings(SearchSettings.defaults().withLiveSearchesKept(100, Duration.ofMinutes(60))).build();
        SearchTicket old = core.startSearch().startSearch(StartSearchCommand.of("licuadora", 10, false));
        readToEnd(follow(old, 0), LIMIT);
        assertThat(core.recorder().awaitIdle(LIMIT)).isTrue();

        clock.advance(Duration.ofMinutes(59));
        core.startSearch().startSearch(StartSearchCommand.of("plancha", 10, false));
        assertThat(core.searchService().searchesInMemory()).as("kept within the retention").isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        SearchTicket next = core.startSearch().startSearch(StartSearchCommand.of("tostadora", 10, false));
        readToEnd(follow(next, 0), LIMIT);
        // the in-memory store of record still has it; only the live copy is gone
        assertThat(core.searchService().searchesInMemory()).as("the oldest left by the clock, not the wall time").isEqualTo(2);
        assertThat(core.getSearch().getSearch(old.searchId())).isPresent();
    }

    @Test
    void a_search_started_while_the_core_closes_is_either_taken_or_refused_as_closed() throws Exception {
        for (int round = 0; round < 20; round++) {
            core(ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00")));
            DondeLoCompro closing = core;
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ConcurrentLinkedQueue<Throwable> unexpected = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Thread> starters = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starters.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        for (int n = 0; n < 20; n++) {
                            closing.startSearch().startSearch(StartSearchCommand.of("licuadora " + n, 10, false));
                        }
                    } catch (ServiceClosedException expected) {
                        // refused as closed: the one answer allowed besides a ticket
                    } catch (Throwable t) {
                        unexpected.add(t);
                    }
                }));
            }
            go.countDown();
            closing.close(Duration.ofMillis(500));
            for (Thread t : starters) {
                t.join();
            }
            assertThat(unexpected).as("round " + round).isEmpty();
            core = null;
        }
    }
}
