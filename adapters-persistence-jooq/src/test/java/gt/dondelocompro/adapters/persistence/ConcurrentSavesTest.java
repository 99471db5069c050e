package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.Persistence;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StorePerformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches at the same stores, finding the same products, saved from several threads at once (and some
 * twice): no deadlock, no lost store-day update, nothing saved twice.
 */
class ConcurrentSavesTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Instant DAY = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void concurrent_saves_at_the_same_stores_lose_nothing_and_duplicate_nothing() throws Exception {
        DB.truncateAll();
        Persistence ports = JooqPersistenceTestSupport.ports(DB.persistence());
        List<SearchSnapshot> searches = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            searches.add(SearchFixtures.search("licuadora " + (i % 3)).at(DAY.plus(Duration.ofMinutes(i)))
                    .answered(ELEKTRA, offer(ELEKTRA, "e" + (i % 4), "Licuadora " + i, "10" + i + ".00"))
                    .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "499.00"), offer(CEMACO, "c" + (i % 5), "Vaso", "89.90"))
                    .failed(CURACAO, FailureKind.TIMEOUT)
                    .build());
        }

        List<Future<Boolean>> saved = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (SearchSnapshot s : searches) {
                saved.add(pool.submit(() -> ports.record(s)));
                if (searches.indexOf(s) % 6 == 0) {
                    saved.add(pool.submit(() -> ports.record(s))); // a retry racing the first attempt
                }
            }
        }

        long firstSaves = 0;
        for (Future<Boolean> f : saved) {
            firstSaves += f.get() ? 1 : 0;
        }
        // FinishedSearchWriter checks exists() before writing, so a retry racing the first attempt may also
        // report true; the adapters' own idempotence is what keeps the rows single (asserted below)
        assertThat(firstSaves).isBetween((long) searches.size(), (long) saved.size());
        List<StorePerformance> days = ports.analytics().storePerformance(Optional.empty(), LocalDate.of(2026, 11, 20));
        assertThat(days).extracting(StorePerformance::vendorId).containsExactly("cemaco", "curacao", "elektra");
        assertThat(days).allSatisfy(d -> assertThat(d.totalSearches()).isEqualTo(24));
        assertThat(days.getFirst().totalProducts()).isEqualTo(48);
        assertThat(days.get(1).errorCount()).isEqualTo(24);
        assertThat(days.get(1).successRate()).isEqualByComparingTo("0.00");
        for (SearchSnapshot s : searches) {
            assertThat(ports.searches().findById(s.id())).contains(s);
        }
        assertThat(DB.persistence().dsl().fetchOne("select count(*) from product_prices").get(0, Long.class)).isEqualTo(72L);
    }
}
