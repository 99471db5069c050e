package gt.dondelocompro.application.service;

import gt.dondelocompro.application.memory.InMemoryAnalyticsRepository;
import gt.dondelocompro.application.memory.InMemoryCatalogProductRepository;
import gt.dondelocompro.application.memory.InMemoryCategoryRepository;
import gt.dondelocompro.application.memory.InMemoryProductRepository;
import gt.dondelocompro.application.memory.InMemorySearchRepository;
import gt.dondelocompro.application.memory.InMemoryTransactions;
import gt.dondelocompro.application.port.in.RecorderStats;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.memory.InMemoryDeadLetterRepository;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.UnsaveableDataException;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.SearchSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

class SearchRecorderTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(20), 1000);

    /** The in-memory search repository behind a switch that makes it fail like a database that is down. */
    static final class OutageSearchRepository implements SearchRepository {
        final InMemorySearchRepository delegate = new InMemorySearchRepository();
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean down;
        /** Refuses the data as PostgreSQL does a value it cannot hold: searches with offers, or every search. */
        volatile boolean refuseOffers;
        volatile boolean refuseAll;

        private void check(SearchSnapshot search) {
            attempts.incrementAndGet();
            if (refuseAll || refuseOffers && !search.offers().isEmpty()) {
                throw new UnsaveableDataException("value too long for type character varying(50)");
            }
            if (down || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("connection refused: the database is down");
            }
        }

        @Override
        public void save(SearchSnapshot search, Map<ProductKey, Long> productIds) {
            check(search);
            delegate.save(search, productIds);
        }

        @Override
        public void saveStarted(SearchSnapshot search) {
            check(search);
            delegate.saveStarted(search);
        }

        @Override
        public java.util.List<gt.dondelocompro.domain.StoreAttempt> storeAttemptsSince(Instant since, int perStore) {
            if (down) {
                throw new IllegalStateException("connection refused: the database is down");
            }
            return delegate.storeAttemptsSince(since, perStore);
        }

        @Override
        public int markInterrupted(Instant createdBefore, Instant at) {
            attempts.incrementAndGet();
            return delegate.markInterrupted(createdBefore, at);
        }

        @Override
        public boolean exists(UUID searchId) {
            return delegate.exists(searchId);
        }

        @Override
        public Optional<SearchSnapshot> findById(UUID searchId) {
            return delegate.findById(searchId);
        }

        @Override
        public Optional<SearchSnapshot> findLatestCompleted(String normalizedQuery, int maxResults, Instant notBefore) {
            return delegate.findLatestCompleted(normalizedQuery, maxResults, notBefore);
        }
    }

    private final OutageSearchRepository searches = new OutageSearchRepository();
    private final InMemoryAnalyticsRepository analytics = new InMemoryAnalyticsRepository();
    private final InMemoryProductRepository products = new InMemoryProductRepository();

    private final InMemoryDeadLetterRepository deadLetters = new InMemoryDeadLetterRepository();

    private SearchRecorder recorder(RolloutPolicy rollout, RetryPolicy retry) {
        return new SearchRecorder(new FinishedSearchWriter(new InMemoryTransactions(), searches, products, new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(), analytics),
                deadLetters, rollout, retry, SearchRecorder.DEFAULT_MAX_BACKLOG);
    }

    /** Retries for minutes, as in production: a test that ends within seconds saw no retrying. */
    private static final RetryPolicy SLOW = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 20);

    @Test
    void offers_the_schema_cannot_hold_are_left_out_and_counted_and_the_search_saved_without_retrying() throws Exception {
        Offer good = offer(CEMACO, "111", "Licuadora Oster", "349.00");
        SearchSnapshot search = SearchFixtures.search("licuadora").answered(CEMACO, good,
                offer(CEMACO, "222", "Licua\u0000dora", "399.00"), offer(CEMACO, "333", "Licuadora", "99999999999.99"),
                offer(CEMACO, "x".repeat(5000), "Licuadora", "299.00"), offer(CEMACO, "555", "Licuadora \uDE00", "1.00")).build();
        try (SearchRecorder recorder = recorder(RolloutPolicy.everything(), SLOW)) {
            recorder.submit(search);

            assertThat(recorder.awaitIdle(Duration.ofSeconds(2))).isTrue();
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(1, 1, 0, 0, 0, 0, 0, 4));
        }
        assertThat(searches.attempts.get()).isEqualTo(1);
        assertThat(searches.findById(search.id()).orElseThrow().offers()).extracting(Offer::vendorProductId).containsExactly("111");
    }

    @Test
    void a_search_refused_with_its_offers_is_saved_without_them_at_once_and_the_next_one_too() throws Exception {
        searches.refuseOffers = true;
        SearchSnapshot refused = finished(1);
        SearchSnapshot behind = SearchFixtures.search("vaso").answered(CEMACO).build();
        try (SearchRecorder recorder = recorder(RolloutPolicy.everything(), SLOW)) {
            recorder.submit(refused);
            recorder.submit(behind);

            assertThat(recorder.awaitIdle(Duration.ofSeconds(2))).isTrue();
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(2, 2, 0, 0, 0, 0, 0, 1));
        }
        SearchSnapshot saved = searches.findById(refused.id()).orElseThrow();
        assertThat(saved.offers()).isEmpty();
        assertThat(saved.outcomes()).extracting(o -> o.productsFound()).containsExactly(1);
        assertThat(searches.exists(behind.id())).isTrue();
        assertThat(searches.attempts.get()).as("refused with offers, saved without, then the one behind").isEqualTo(3);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void a_search_refused_even_without_offers_goes_to_the_dead_letters_at_once_and_the_next_one_is_saved() throws Exception {
        searches.refuseAll = true;
        SearchSnapshot refused = finished(1);
        SearchSnapshot behind = finished(2);
        try (SearchRecorder recorder = recorder(RolloutPolicy.everything(), SLOW)) {
            recorder.submit(refused);
            while (searches.attempts.get() < 2) {
                Thread.onSpinWait();
            }
            searches.refuseAll = false;
            recorder.submit(behind);

            assertThat(recorder.awaitIdle(Duration.ofSeconds(2))).isTrue();
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(2, 1, 0, 0, 0, 0, 1, 0));
        }
        assertThat(deadLetters.findById(refused.id())).hasValueSatisfying(letter -> {
            assertThat(letter.search()).isEqualTo(refused);
            assertThat(letter.reason()).contains("character varying(50)");
        });
        assertThat(searches.exists(refused.id())).isFalse();
        assertThat(searches.exists(behind.id())).isTrue();
    }

    private static SearchSnapshot finished(int i) {
        return SearchFixtures.search("licuadora " + i).answered(CEMACO, offer(CEMACO, "p" + i, "Licuadora " + i, "100.00")).build();
    }

    @Test
    void a_failing_store_of_record_is_retried_until_the_search_is_saved_once() throws Exception {
        searches.failuresLeft.set(3);
        try (SearchRecorder recorder = recorder(RolloutPolicy.everything(), FAST)) {
            SearchSnapshot search = finished(1);

            recorder.submit(search);

            assertThat(recorder.awaitIdle(LIMIT)).isTrue();
            assertThat(searches.attempts.get()).isEqualTo(4);
            assertThat(searches.findById(search.id())).contains(search);
            assertThat(analytics.popularSearches(Instant.EPOCH, 10)).singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(1));
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(1, 1, 0, 0, 0, 0));
        }
    }

    @Test
    void nothing_is_lost_while_the_database_is_down() throws Exception {
        searches.down = true;
        try (SearchRecorder recorder = recorder(RolloutPolicy.everything(), FAST)) {
            List<SearchSnapshot> all = IntStream.range(0, 50).mapToObj(SearchRecorderTest::finished).toList();
            all.forEach(recorder::submit);
            while (searches.attempts.get() < 5) {
                Thread.onSpinWait();
            }
            assertThat(recorder.stats().retrying()).isEqualTo(1);
            assertThat(recorder.stats().backlog()).isEqualTo(50);

            searches.down = false;

            assertThat(recorder.awaitIdle(LIMIT)).isTrue();
            assertThat(all).allSatisfy(s -> assertThat(searches.findById(s.id())).contains(s));
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(50, 50, 0, 0, 0, 0));
        }
    }

    @Test
    void the_backlog_is_flushed_on_shutdown() {
        SearchRecorder recorder = recorder(RolloutPolicy.everything(), FAST);
        List<SearchSnapshot> all = IntStream.range(0, 200).mapToObj(SearchRecorderTest::finished).toList();
        all.forEach(recorder::submit);

        assertThat(recorder.close(LIMIT)).isTrue();

        assertThat(all).allSatisfy(s -> assertThat(searches.exists(s.id())).isTrue());
        assertThat(recorder.stats().saved()).isEqualTo(200);
        assertThat(recorder.stats().backlog()).isZero();
    }

    @Test
    void what_cannot_be_saved_is_counted_as_failed_never_dropped_silently() {
        searches.down = true;
        SearchRecorder recorder = recorder(RolloutPolicy.everything(), new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 3));
        recorder.submit(finished(1));
        recorder.submit(finished(2));

        recorder.close(LIMIT);
        recorder.submit(finished(3));

        RecorderStats stats = recorder.stats();
        assertThat(stats.saved()).isZero();
        assertThat(stats.failed()).isEqualTo(3);
        assertThat(stats.queued() + 1).isEqualTo(stats.saved() + stats.failed());
    }

    @Test
    void a_full_backlog_refuses_more_and_counts_them_as_failed() {
        searches.down = true;
        SearchRecorder recorder = new SearchRecorder(new FinishedSearchWriter(new InMemoryTransactions(), searches,
                products, new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(), analytics), RolloutPolicy.everything(), FAST, 5);

        IntStream.range(0, 20).mapToObj(SearchRecorderTest::finished).forEach(recorder::submit);

        // five wait in the queue, at most one is being retried, the rest are refused and counted
        assertThat(recorder.stats().failed()).isGreaterThanOrEqualTo(14);
        assertThat(recorder.stats().backlog()).isLessThanOrEqualTo(6);
        recorder.close(Duration.ofMillis(50));
        RecorderStats end = recorder.stats();
        assertThat(end.queued()).isEqualTo(20).isEqualTo(end.saved() + end.failed());
    }

    @Test
    void closing_while_the_database_stays_down_counts_the_unsaved_backlog_as_failed() {
        searches.down = true;
        SearchRecorder recorder = recorder(RolloutPolicy.everything(), FAST);
        IntStream.range(0, 10).mapToObj(SearchRecorderTest::finished).forEach(recorder::submit);

        assertThat(recorder.close(Duration.ofMillis(200))).isFalse();

        assertThat(recorder.stats().failed()).isEqualTo(10);
        assertThat(recorder.stats().saved()).isZero();
    }

    @Test
    void a_search_in_hand_is_counted_in_the_backlog_and_keeps_the_recorder_busy_until_it_is_saved() throws Exception {
        // A real race, repeated: the observer spins on backlog and idleness while the worker takes the search
        // off the queue. Both may say "nothing pending" only once the search is saved; a worker that counts
        // itself busy only after taking the search leaves a window where they read 0 / idle too early.
        try (SearchRecorder recorder = recorder(RolloutPolicy.everything(), FAST)) {
            int early = 0;
            for (int i = 0; i < 3_000; i++) {
                SearchSnapshot search = finished(i);
                recorder.submit(search);
                boolean seenEarly = false;
                while (true) {
                    boolean nothingPending = recorder.stats().backlog() == 0;
                    boolean idle = recorder.awaitIdle(Duration.ZERO);
                    boolean saved = searches.exists(search.id());
                    seenEarly |= (nothingPending || idle) && !saved;
                    if (saved && nothingPending && idle) {
                        break;
                    }
                }
                early += seenEarly ? 1 : 0;
            }
            assertThat(early).as("searches during which the recorder looked idle with the search in hand").isZero();
        }
    }

    @Test
    void every_search_submitted_while_close_runs_is_saved_or_counted_as_failed() throws Exception {
        // close() races with submitters on other threads: each accepted search must end saved or failed,
        // none may stay in the queue uncounted. Repeated, since the window is narrow; the refusals after
        // close are logged one by one, so the logger is muted here.
        Logger log = Logger.getLogger(SearchRecorder.class.getName());
        Level before = log.getLevel();
        log.setLevel(Level.OFF);
        try {
            closeWhileSubmitting();
        } finally {
            log.setLevel(before);
        }
    }

    private void closeWhileSubmitting() throws InterruptedException {
        for (int round = 0; round < 30; round++) {
            SearchRecorder recorder = recorder(RolloutPolicy.everything(), FAST);
            int threads = 8;
            int each = 150;
            CountDownLatch started = new CountDownLatch(threads);
            List<Thread> submitters = IntStream.range(0, threads).mapToObj(t -> Thread.ofPlatform().start(() -> {
                started.countDown();
                for (int i = 0; i < each; i++) {
                    recorder.submit(finished(t * each + i));
                }
            })).toList();
            started.await();
            recorder.close(LIMIT);
            for (Thread t : submitters) {
                t.join();
            }

            RecorderStats stats = recorder.stats();
            assertThat(stats.saved() + stats.failed()).as("round %d: %s", round, stats).isEqualTo((long) threads * each);
            assertThat(stats.backlog()).as("round %d", round).isZero();
        }
    }

    @Test
    void rollout_records_none_at_0_all_at_100_and_a_stable_share_between() {
        List<UUID> ids = IntStream.range(0, 10_000).mapToObj(i -> UUID.randomUUID()).toList();

        assertThat(ids.stream().filter(new RolloutPolicy(true, 0)::shouldRecord)).isEmpty();
        assertThat(ids.stream().filter(new RolloutPolicy(true, 100)::shouldRecord)).hasSize(10_000);
        assertThat(ids.stream().filter(new RolloutPolicy(false, 100)::shouldRecord)).isEmpty();
        List<UUID> ten = ids.stream().filter(new RolloutPolicy(true, 10)::shouldRecord).toList();
        List<UUID> fifty = ids.stream().filter(new RolloutPolicy(true, 50)::shouldRecord).toList();
        // binomial(10000, p): these bounds are more than five standard deviations wide
        assertThat(ten.size()).isBetween(850, 1150);
        assertThat(fifty.size()).isBetween(4750, 5250);
        assertThat(fifty).containsAll(ten);
        assertThat(ids.stream().filter(new RolloutPolicy(true, 10)::shouldRecord).toList()).isEqualTo(ten);
    }

    @Test
    void searches_left_out_by_the_rollout_are_counted_as_skipped() throws Exception {
        try (SearchRecorder recorder = recorder(new RolloutPolicy(true, 0), FAST)) {
            recorder.submit(finished(1));
            assertThat(recorder.awaitIdle(LIMIT)).isTrue();
            assertThat(recorder.stats()).isEqualTo(new RecorderStats(0, 0, 0, 0, 0, 1));
            assertThat(searches.attempts.get()).isZero();
        }
    }

    @Test
    void while_the_store_of_record_does_not_answer_no_attempt_is_spent_and_saving_resumes_at_once_when_it_does()
            throws Exception {
        java.util.concurrent.atomic.AtomicBoolean answers = new java.util.concurrent.atomic.AtomicBoolean(false);
        gt.dondelocompro.application.port.out.PersistenceHealth health = new gt.dondelocompro.application.port.out.PersistenceHealth() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public boolean reachable() {
                return answers.get();
            }
        };
        searches.down = true;
        SearchRecorder recorder = new SearchRecorder(new FinishedSearchWriter(new InMemoryTransactions(), searches, products,
                new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(), analytics), deadLetters, RolloutPolicy.everything(), SLOW,
                SearchRecorder.DEFAULT_MAX_BACKLOG, health);
        recorder.submit(finished(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (searches.attempts.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(1_500); // past the first backoff (1 s): a blind retry would have been spent by now
        assertThat(searches.attempts.get()).as("attempts while the store of record does not answer").isEqualTo(1);

        searches.down = false;
        answers.set(true);
        long back = System.nanoTime();
        assertThat(recorder.awaitIdle(Duration.ofSeconds(10))).isTrue();
        long resumedMs = (System.nanoTime() - back) / 1_000_000;
        assertThat(recorder.stats().saved()).isEqualTo(1);
        assertThat(resumedMs).as("saved within a health poll of the return, not after the next backoff (2 s)").isLessThan(1_000);
        recorder.close(Duration.ofSeconds(2));
    }
}
