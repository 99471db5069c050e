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
import gt.dondelocompro.application.port.in.HealthReport;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.application.testing.MutableClock;
import gt.dondelocompro.application.testing.ScriptedStore;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.StoreAttempt;
import gt.dondelocompro.domain.StoreHealth;
import gt.dondelocompro.domain.Vendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/** Store health: the last three answers, the 24 h rate, the site-change log, and the rule that degrades {@code /health}. */
class StoreHealthTest {

    private final MutableClock clock = new MutableClock();
    private final StoreHealthMonitor monitor = StoreHealthMonitor.inMemoryOnly(clock);
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(StoreHealthMonitor.class.getName());
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    {
        log.addHandler(collect);
    }

    @AfterEach
    void stopCollecting() {
        log.removeHandler(collect);
    }

    private void answered(String store) {
        monitor.storeAnswered(store, 3, Duration.ofMillis(200));
        clock.advance(Duration.ofMinutes(1));
    }

    private void failed(String store, FailureKind kind, String message) {
        monitor.storeFailed(store, new StoreResult.Failure(kind, message), Duration.ofMillis(200));
        clock.advance(Duration.ofMinutes(1));
    }

    private StoreHealth health(String store) {
        return monitor.health(List.of(store)).get(store);
    }

    @Test
    void a_store_that_fails_three_searches_in_a_row_is_failing_and_says_its_last_failure() {
        answered("cemaco");
        failed("cemaco", FailureKind.TIMEOUT, "no answer within 8000 ms");
        failed("cemaco", FailureKind.HTTP_STATUS, "HTTP 500");
        assertThat(health("cemaco").failing()).isFalse();
        Instant third = clock.instant();
        failed("cemaco", FailureKind.BLOCKED, "captcha");

        StoreHealth health = health("cemaco");
        assertThat(health.failing()).isTrue();
        assertThat(health.lastFailure()).isEqualTo(new StoreHealth.LastFailure(third, FailureKind.BLOCKED, "captcha"));
        assertThat(health.lastSuccessAt()).isEqualTo(third.minus(Duration.ofMinutes(3)));
        assertThat(health.successRate24h()).isEqualTo(0.25);
    }

    @Test
    void busy_answers_do_not_count_against_a_store_since_it_was_not_asked() {
        answered("cemaco");
        Instant success = clock.instant().minus(Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            failed("cemaco", FailureKind.BUSY, "store 'cemaco': 30 requests ahead at its host");
        }

        StoreHealth health = health("cemaco");
        assertThat(health.failing()).isFalse();
        assertThat(health.lastFailure()).isNull();
        assertThat(health.successRate24h()).isEqualTo(1.0);
        assertThat(health.lastSuccessAt()).isEqualTo(success);
    }

    @Test
    void a_store_that_recovers_is_no_longer_failing_and_keeps_its_last_failure() {
        failed("cemaco", FailureKind.UNREACHABLE, "connection refused");
        failed("cemaco", FailureKind.UNREACHABLE, "connection refused");
        Instant lastFailure = clock.instant();
        failed("cemaco", FailureKind.UNREACHABLE, "connection refused");
        assertThat(health("cemaco").failing()).isTrue();
        Instant recovered = clock.instant();
        answered("cemaco");

        StoreHealth health = health("cemaco");
        assertThat(health.failing()).isFalse();
        assertThat(health.lastSuccessAt()).isEqualTo(recovered);
        assertThat(health.lastFailure().at()).isEqualTo(lastFailure);
        assertThat(health.successRate24h()).isEqualTo(0.25);
    }

    @Test
    void the_rate_counts_the_last_24_hours_while_the_last_success_and_the_last_three_outlive_them() {
        answered("cemaco");
        Instant success = clock.instant().minus(Duration.ofMinutes(1));
        failed("cemaco", FailureKind.PARSE, "changed");
        failed("cemaco", FailureKind.PARSE, "changed");
        failed("cemaco", FailureKind.PARSE, "changed");
        clock.advance(Duration.ofHours(25));

        StoreHealth health = health("cemaco");
        assertThat(health.successRate24h()).isNull();
        assertThat(health.lastSuccessAt()).isEqualTo(success);
        assertThat(health.failing()).isTrue();
        assertThat(health("curacao")).isEqualTo(StoreHealth.UNKNOWN);
    }

    @Test
    void a_store_whose_answers_stop_parsing_after_successes_is_logged_once_with_what_it_sent() {
        failed("cemaco", FailureKind.PARSE, "never worked");
        assertThat(logged).isEmpty(); // not a change: it never answered well

        answered("cemaco");
        answered("cemaco");
        monitor.storeFailed("cemaco", new StoreResult.Failure(FailureKind.PARSE, "store 'cemaco': GET /api could not be read",
                "<!DOCTYPE html>\n<title>Nuevo sitio</title>"), Duration.ofMillis(10));
        failed("cemaco", FailureKind.PARSE, "store 'cemaco': GET /api could not be read");
        failed("cemaco", FailureKind.TIMEOUT, "no answer");

        assertThat(logged).hasSize(1);
        assertThat(logged.getFirst().getMessage()).contains("cemaco", "site may have changed", "GET /api could not be read",
                "<!DOCTYPE html>\n<title>Nuevo sitio</title>");

        answered("cemaco");
        failed("cemaco", FailureKind.PARSE, "broke again");
        assertThat(logged).hasSize(2);
        assertThat(logged.get(1).getMessage()).contains("broke again", "kept none of what it sent");
    }

    @Test
    void what_was_recorded_before_the_start_counts_and_this_processs_own_answers_are_not_counted_twice() {
        Instant started = clock.instant();
        AtomicInteger reads = new AtomicInteger();
        List<StoreAttempt> recorded = new ArrayList<>(List.of(
                StoreAttempt.failed("cemaco", started.minus(Duration.ofHours(3)), FailureKind.TIMEOUT, "slow"),
                StoreAttempt.succeeded("cemaco", started.minus(Duration.ofHours(2)))));
        StoreHealthMonitor restarted = new StoreHealthMonitor(clock, (since, perStore) -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("connection refused");
            }
            assertThat(since).isEqualTo(started.minus(Duration.ofHours(24)));
            return recorded;
        });
        clock.advance(Duration.ofMinutes(1));
        restarted.storeFailed("cemaco", new StoreResult.Failure(FailureKind.HTTP_STATUS, "HTTP 503"), Duration.ofMillis(5));
        // by now the recorder saved this process's answer too: the store of record has it
        recorded.add(StoreAttempt.failed("cemaco", clock.instant(), FailureKind.HTTP_STATUS, "HTTP 503"));

        StoreHealth memoryOnly = restarted.health(List.of("cemaco")).get("cemaco");
        assertThat(memoryOnly.successRate24h()).isEqualTo(0.0);
        assertThat(memoryOnly.lastSuccessAt()).isNull();

        clock.advance(StoreHealthMonitor.PRIME_RETRY);
        StoreHealth primed = restarted.health(List.of("cemaco")).get("cemaco");
        assertThat(reads).hasValue(2);
        assertThat(primed.lastSuccessAt()).isEqualTo(started.minus(Duration.ofHours(2)));
        assertThat(primed.successRate24h()).isEqualTo(1.0 / 3);
        assertThat(primed.lastFailure().error()).isEqualTo("HTTP 503");
        restarted.health(List.of("cemaco"));
        assertThat(reads).hasValue(2);
    }

    @Test
    void health_is_degraded_when_more_than_half_of_the_active_stores_failed_their_last_three_searches() {
        Vendor inactive = new Vendor("paiz", "Paiz", "https://www.paiz.com.gt", "vtex", false);
        Vendor max = new Vendor("max", "Max", "https://www.max.com.gt", "constructor", true);
        try (SearchRecorder recorder = new SearchRecorder(new FinishedSearchWriter(new InMemoryTransactions(),
                new InMemorySearchRepository(), new InMemoryProductRepository(), new InMemoryCatalogProductRepository(
                new InMemoryProductRepository()), new InMemoryCategoryRepository(), new InMemoryAnalyticsRepository()),
                RolloutPolicy.everything(), RetryPolicy.standard())) {
            HealthService health = new HealthService(List.of(CEMACO, ELEKTRA, CURACAO, max, inactive), new NoDatabase(), recorder,
                    clock, monitor);
            for (int i = 0; i < 3; i++) {
                failed("paiz", FailureKind.UNREACHABLE, "gone");
                failed("cemaco", FailureKind.TIMEOUT, "slow");
                failed("elektra", FailureKind.BLOCKED, "captcha");
                answered("curacao");
            }
            HealthReport half = health.health();
            assertThat(half.failingStores()).containsExactly("cemaco", "elektra"); // the inactive store does not count
            assertThat(half.healthy()).isTrue(); // 2 of 4 is not more than half

            failed("max", FailureKind.PARSE, "changed");
            failed("max", FailureKind.PARSE, "changed");
            assertThat(health.health().healthy()).isTrue();
            failed("max", FailureKind.PARSE, "changed");
            HealthReport most = health.health();
            assertThat(most.failingStores()).containsExactly("cemaco", "elektra", "max");
            assertThat(most.storesFailing()).isTrue();
            assertThat(most.healthy()).isFalse();

            answered("elektra");
            assertThat(health.health().healthy()).isTrue();
            assertThat(health.storeHealth()).containsOnlyKeys("cemaco", "elektra", "curacao", "max", "paiz");
        }
    }

    @Test
    void the_core_feeds_store_health_from_its_searches() throws Exception {
        try (DondeLoCompro core = DondeLoCompro.builder()
                .store(ScriptedStore.answering(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "499.00")))
                .store(ScriptedStore.failing(ELEKTRA, FailureKind.HTTP_STATUS, "HTTP 500"))
                .build()) {
            for (String query : List.of("licuadora", "batidora", "tostadora")) {
                SearchTicket ticket = core.startSearch().startSearch(StartSearchCommand.of(query, 10, false));
                try (EventSubscription events = core.subscribeToSearch().subscribe(ticket.searchId(), 0).orElseThrow()) {
                    while (!events.isFinished()) {
                        events.next(Duration.ofSeconds(15));
                    }
                }
            }

            var health = core.vendors().storeHealth();
            assertThat(health.get("cemaco").successRate24h()).isEqualTo(1.0);
            assertThat(health.get("cemaco").failing()).isFalse();
            assertThat(health.get("elektra").failing()).isTrue();
            assertThat(health.get("elektra").lastFailure().kind()).isEqualTo(FailureKind.HTTP_STATUS);
            assertThat(health.get("elektra").lastFailure().error()).isEqualTo("HTTP 500");
            assertThat(core.health().health().failingStores()).containsExactly("elektra");
        }
    }
}
