package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.PopularSearch;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StorePerformance;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of every {@code AnalyticsRepository}: popular queries and daily store performance. */
public abstract class AnalyticsRepositoryContract extends PersistenceContract {

    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");

    private SearchSnapshot search(String query, Instant at) {
        return SearchFixtures.search(query).at(at)
                .answered(CEMACO, offer(CEMACO, "1", "Licuadora Oster", "10.00"), offer(CEMACO, "2", "Televisor Samsung", "20.00"))
                .failed(CURACAO, FailureKind.HTTP_STATUS)
                .build();
    }

    @Test
    void popular_searches_count_normalized_queries_in_the_period_most_searched_first() {
        persistence.record(search("Licuadora Oster", NOW.minus(Duration.ofHours(3))));
        persistence.record(search("licuadora  óster", NOW.minus(Duration.ofHours(2))));
        persistence.record(search("LICUADORA OSTER", NOW.minus(Duration.ofHours(1))));
        persistence.record(search("televisor", NOW.minus(Duration.ofHours(1))));
        persistence.record(search("televisor", NOW.minus(Duration.ofMinutes(30))));
        persistence.record(search("plancha", NOW.minus(Duration.ofMinutes(10))));
        persistence.record(search("plancha", NOW.minus(Duration.ofDays(10))));

        List<PopularSearch> popular = persistence.analytics().popularSearches(NOW.minus(Duration.ofDays(7)), 10);

        assertThat(popular).extracting(PopularSearch::query).containsExactly("licuadora oster", "televisor", "plancha");
        assertThat(popular).extracting(PopularSearch::count).containsExactly(3L, 2L, 1L);
        assertThat(popular.getFirst().lastSearchedAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(persistence.analytics().popularSearches(NOW.minus(Duration.ofDays(7)), 1)).hasSize(1);
    }

    @Test
    void a_joined_search_counts_as_searched_but_its_stores_answers_and_prices_once_for_the_search_that_asked_them() {
        SearchSnapshot source = search("Licuadora Oster", NOW.minus(Duration.ofHours(1)));
        persistence.record(source);
        SearchSnapshot joined = SearchFixtures.joined(source, "licuadora óster");
        persistence.record(joined);
        // a joined search whose source was not recorded (rollout): its prices once, at the moment the source saw them
        SearchSnapshot unrecorded = search("Televisor", NOW.minus(Duration.ofMinutes(30)));
        persistence.record(SearchFixtures.joined(unrecorded, "televisor"));

        assertThat(persistence.analytics().popularSearches(NOW.minus(Duration.ofDays(1)), 10))
                .extracting(PopularSearch::query, PopularSearch::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("licuadora oster", 2L), org.assertj.core.groups.Tuple.tuple("televisor", 1L));
        assertThat(persistence.analytics().storePerformance(Optional.of("cemaco"), LocalDate.of(2026, 11, 20)))
                .extracting(StorePerformance::totalSearches).containsExactly(1);
        var ids = persistence.products().findProductIds(source.offers().stream()
                .map(gt.dondelocompro.application.port.out.ProductKey::of).toList());
        assertThat(ids).hasSize(2);
        ids.values().forEach(id -> assertThat(persistence.products().priceHistory(id, NOW.minus(Duration.ofDays(1))).orElseThrow()
                .observations()).extracting(gt.dondelocompro.domain.PriceObservation::scrapedAt)
                .containsExactly(source.completedAt(), unrecorded.completedAt()));
    }

    @Test
    void store_performance_adds_up_each_stores_day() {
        persistence.record(search("licuadora", NOW.minus(Duration.ofHours(2))));
        persistence.record(search("plancha", NOW.minus(Duration.ofHours(1))));
        persistence.record(SearchFixtures.search("televisor").at(NOW).failed(CEMACO, FailureKind.TIMEOUT).build());

        List<StorePerformance> rows = persistence.analytics().storePerformance(Optional.empty(), LocalDate.of(2026, 11, 20));

        assertThat(rows).extracting(StorePerformance::vendorId).containsExactly("cemaco", "curacao");
        StorePerformance cemaco = rows.getFirst();
        assertThat(cemaco.date()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(cemaco.totalSearches()).isEqualTo(3);
        assertThat(cemaco.totalProducts()).isEqualTo(4);
        assertThat(cemaco.errorCount()).isEqualTo(1);
        assertThat(cemaco.successRate()).isEqualByComparingTo("0.67");
        assertThat(cemaco.avgDurationSeconds()).isEqualByComparingTo("0.100");
        StorePerformance curacao = rows.get(1);
        assertThat(curacao.successRate()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(curacao.errorCount()).isEqualTo(2);

        assertThat(persistence.analytics().storePerformance(Optional.of("curacao"), LocalDate.of(2026, 11, 20)))
                .extracting(StorePerformance::vendorId).containsExactly("curacao");
        assertThat(persistence.analytics().storePerformance(Optional.empty(), LocalDate.of(2026, 11, 21))).isEmpty();
    }

    @Test
    void a_busy_store_was_not_asked_and_its_day_is_left_as_it_was() {
        persistence.record(search("licuadora", NOW.minus(Duration.ofHours(2))));
        persistence.record(SearchFixtures.search("plancha").at(NOW).failed(CEMACO, FailureKind.BUSY)
                .failed(CURACAO, FailureKind.BUSY).build());

        List<StorePerformance> rows = persistence.analytics().storePerformance(Optional.empty(), LocalDate.of(2026, 11, 20));

        assertThat(rows).extracting(StorePerformance::vendorId).containsExactly("cemaco", "curacao");
        assertThat(rows.getFirst().totalSearches()).as("cemaco: only the search that asked it").isEqualTo(1);
        assertThat(rows.getFirst().errorCount()).isZero();
        assertThat(rows.getFirst().successRate()).isEqualByComparingTo("1.00");
        assertThat(rows.get(1).totalSearches()).isEqualTo(1);
        assertThat(rows.get(1).errorCount()).as("curacao: its http_status failure, not the busy one").isEqualTo(1);
        assertThat(persistence.analytics().popularSearches(NOW.minus(Duration.ofDays(1)), 10))
                .as("the busy search still counts as searched").hasSize(2);
    }

    @Test
    void a_search_recorded_twice_is_counted_once() {
        SearchSnapshot s = search("licuadora", NOW);
        persistence.record(s);
        persistence.record(s);

        assertThat(persistence.analytics().popularSearches(NOW.minus(Duration.ofDays(1)), 10).getFirst().count()).isEqualTo(1);
        assertThat(persistence.analytics().storePerformance(Optional.of("cemaco"), LocalDate.of(2026, 11, 20)).getFirst().totalSearches()).isEqualTo(1);
    }
}
