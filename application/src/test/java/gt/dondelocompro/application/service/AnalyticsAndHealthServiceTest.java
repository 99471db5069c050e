package gt.dondelocompro.application.service;

import gt.dondelocompro.application.memory.InMemoryAnalyticsRepository;
import gt.dondelocompro.application.memory.InMemoryCatalogProductRepository;
import gt.dondelocompro.application.memory.InMemoryCategoryRepository;
import gt.dondelocompro.application.memory.InMemoryProductRepository;
import gt.dondelocompro.application.memory.InMemorySearchRepository;
import gt.dondelocompro.application.memory.InMemoryTransactions;
import gt.dondelocompro.application.memory.NoDatabase;
import gt.dondelocompro.application.port.in.HealthReport;
import gt.dondelocompro.application.port.out.PersistenceHealth;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.Vendor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyticsAndHealthServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final InMemoryProductRepository products = new InMemoryProductRepository();
    private final InMemoryAnalyticsRepository analyticsRepository = new InMemoryAnalyticsRepository();
    private final AnalyticsService analytics = new AnalyticsService(analyticsRepository, products, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void days_and_limit_outside_their_ranges_are_refused_naming_the_field() {
        assertThatThrownBy(() -> analytics.popularSearches(0, 10)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("days"));
        assertThatThrownBy(() -> analytics.storePerformance(Optional.empty(), 366)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> analytics.priceHistory(1, -1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> analytics.popularSearches(7, 0)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("limit"));
    }

    @Test
    void a_recorded_offer_can_be_found_by_its_product_id_and_history() {
        SearchSnapshot s = SearchFixtures.search("licuadora").at(NOW.minusSeconds(3600))
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "499.00")).build();
        new FinishedSearchWriter(new InMemoryTransactions(), new InMemorySearchRepository(), products,
                new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(), analyticsRepository).save(s);

        Offer other = offer(CEMACO, "999", "Otra", "1.00");
        Map<Offer, Long> ids = analytics.productIdsOf(List.of(s.offers().getFirst(), other));

        assertThat(ids).containsOnlyKeys(s.offers().getFirst());
        long id = ids.get(s.offers().getFirst());

        assertThat(analytics.priceHistory(id, 1).orElseThrow().observations()).hasSize(1);
        assertThat(analytics.popularSearches(1, 10)).extracting(p -> p.query()).containsExactly("licuadora");
        assertThat(analytics.storePerformance(Optional.of("cemaco"), 1)).hasSize(1);
        assertThat(analytics.productIdsOf(List.of())).isEmpty();
    }

    @Test
    void health_is_degraded_only_when_an_enabled_database_does_not_answer() {
        SearchRecorder recorder = new SearchRecorder(new FinishedSearchWriter(new InMemoryTransactions(), new InMemorySearchRepository(),
                products, new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(), analyticsRepository), RolloutPolicy.everything(), RetryPolicy.standard());
        List<Vendor> vendors = List.of(CEMACO, new Vendor("max", "Max", "https://www.max.com.gt", "constructor", false));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        PersistenceHealth down = new PersistenceHealth() {
            public boolean enabled() {
                return true;
            }

            public boolean reachable() {
                return false;
            }
        };

        HealthReport memory = new HealthService(vendors, new NoDatabase(), recorder, clock).health();
        HealthReport degraded = new HealthService(vendors, down, recorder, clock).health();

        assertThat(memory.healthy()).isTrue();
        assertThat(memory.database()).isEqualTo(HealthReport.Database.DISABLED);
        assertThat(memory.scrapers()).containsExactly("cemaco", "max");
        assertThat(memory.activeScrapers()).containsExactly("cemaco");
        assertThat(memory.timestamp()).isEqualTo(NOW);
        assertThat(degraded.healthy()).isFalse();
        assertThat(degraded.database()).isEqualTo(HealthReport.Database.DISCONNECTED);
        recorder.close();
    }

    @Test
    void health_reports_the_shared_state_and_is_degraded_while_redis_does_not_answer() {
        SearchRecorder recorder = new SearchRecorder(new FinishedSearchWriter(new InMemoryTransactions(), new InMemorySearchRepository(),
                products, new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(), analyticsRepository), RolloutPolicy.everything(), RetryPolicy.standard());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        boolean[] answers = {true};
        gt.dondelocompro.application.port.out.SharedStateHealth redis = new gt.dondelocompro.application.port.out.SharedStateHealth() {
            public boolean enabled() {
                return true;
            }

            public boolean reachable() {
                return answers[0];
            }
        };
        HealthService alone = new HealthService(List.of(CEMACO), new NoDatabase(), recorder, clock);
        HealthService shared = new HealthService(List.of(CEMACO), new NoDatabase(), recorder, clock,
                StoreHealthMonitor.inMemoryOnly(clock), redis);

        assertThat(alone.health().sharedState()).isEqualTo(HealthReport.SharedState.DISABLED);
        assertThat(alone.health().healthy()).isTrue();
        assertThat(shared.health().sharedState()).isEqualTo(HealthReport.SharedState.CONNECTED);
        assertThat(shared.health().healthy()).isTrue();
        answers[0] = false;
        assertThat(shared.health().sharedState()).isEqualTo(HealthReport.SharedState.DISCONNECTED);
        assertThat(shared.health().healthy()).isFalse();
        recorder.close();
    }

    @Test
    void health_is_degraded_while_saves_keep_failing_and_searches_wait_behind_even_when_the_database_answers() throws Exception {
        SearchRecorderTest.OutageSearchRepository failing = new SearchRecorderTest.OutageSearchRepository();
        failing.down = true;
        SearchRecorder recorder = new SearchRecorder(new FinishedSearchWriter(new InMemoryTransactions(), failing, products,
                new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(), analyticsRepository), RolloutPolicy.everything(), new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 1000));
        PersistenceHealth up = new PersistenceHealth() {
            public boolean enabled() {
                return true;
            }

            public boolean reachable() {
                return true;
            }
        };
        HealthService health = new HealthService(List.of(CEMACO), up, recorder, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(health.health().healthy()).isTrue();

        recorder.submit(SearchFixtures.search("licuadora").answered(CEMACO).build());
        recorder.submit(SearchFixtures.search("vaso").answered(CEMACO).build());
        while (failing.attempts.get() < 3) {
            Thread.onSpinWait();
        }

        HealthReport stuck = health.health();
        assertThat(stuck.database()).isEqualTo(HealthReport.Database.CONNECTED);
        assertThat(stuck.recorder().retrying()).isEqualTo(1);
        assertThat(stuck.healthy()).as("a backlog that cannot drain is not healthy").isFalse();

        failing.down = false;
        assertThat(recorder.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(health.health().healthy()).isTrue();
        recorder.close();
    }
}
