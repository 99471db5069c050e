package gt.dondelocompro.application.service;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.memory.InMemoryAnalyticsRepository;
import gt.dondelocompro.application.memory.InMemoryCatalogProductRepository;
import gt.dondelocompro.application.memory.InMemoryCategoryRepository;
import gt.dondelocompro.application.memory.InMemoryProductRepository;
import gt.dondelocompro.application.memory.InMemoryRunningSearches;
import gt.dondelocompro.application.memory.InMemorySearchEventLog;
import gt.dondelocompro.application.memory.InMemorySearchLeases;
import gt.dondelocompro.application.memory.InMemorySearchRepository;
import gt.dondelocompro.application.memory.InMemoryTransactions;
import gt.dondelocompro.application.memory.NoDatabase;
import gt.dondelocompro.application.testing.ScriptedStore;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search whose instance died before it logged its first event (it had accepted it, written its header and taken its
 * lease): another instance, sharing the store of record and the shared state, fails it once its lease runs out, with
 * the reason every orphan gets, appends the {@code error} to its log and records it. One nothing is known of (no
 * header) is left for the start-up marking.
 */
class OrphanedSearchesTest {

    private final Clock clock = Clock.systemUTC();
    private final InMemorySearchRepository searches = new InMemorySearchRepository();
    private final InMemorySearchEventLog log = new InMemorySearchEventLog(Duration.ofMinutes(5), clock);
    private final InMemorySearchLeases leases = new InMemorySearchLeases();
    private DondeLoCompro survivor;

    @AfterEach
    void close() {
        if (survivor != null) {
            survivor.close(Duration.ofSeconds(2));
        }
    }

    private void startSurvivor() {
        InMemoryProductRepository products = new InMemoryProductRepository();
        survivor = DondeLoCompro.builder().stores(List.of(ScriptedStore.answering(SearchFixtures.CEMACO)))
                .persistence(searches, products, new InMemoryCatalogProductRepository(products), new InMemoryCategoryRepository(),
                        new InMemoryAnalyticsRepository(), new InMemoryTransactions(), new NoDatabase())
                .sharedSearches(new SharedSearches(log, new InMemoryRunningSearches(clock), leases))
                .build();
    }

    @Test
    void aSearchWhoseInstanceDiedBeforeItsFirstEventIsFailedByAnotherAndRecorded() throws Exception {
        UUID id = UUID.randomUUID();
        Instant accepted = clock.instant().minusSeconds(4);
        searches.saveStarted(Search.initiate(id, SearchQuery.of("licuadora oster"), 10, accepted).snapshot());
        leases.hold(id, accepted.plusSeconds(3)); // never renewed: its instance died

        startSurvivor();

        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Optional<SearchSnapshot> stored = Optional.empty();
        while (System.nanoTime() < until) {
            stored = searches.findById(id).filter(SearchSnapshot::isFinished);
            if (stored.isPresent()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(stored).as("recorded as ended").isPresent();
        assertThat(stored.get().status()).isEqualTo(SearchStatus.FAILED);
        assertThat(stored.get().errorMessage()).isEqualTo(SearchService.ORPHAN_REASON);
        List<RecordedEvent> events = log.read(id, 0, 10);
        assertThat(events).extracting(e -> e.event().name()).containsExactly("error");
        assertThat(((SearchEvent.Error) events.getFirst().event()).error()).isEqualTo(SearchService.ORPHAN_REASON);
        assertThat(leases.held(id)).as("taken, so that no other instance fails it again").isFalse();
    }

    @Test
    void aSearchNothingIsKnownOfIsLeftForTheStartUpMarking() throws Exception {
        UUID id = UUID.randomUUID();
        leases.hold(id, clock.instant().minusSeconds(1));

        startSurvivor();
        Thread.sleep(2_500); // two rounds of the lease keeper

        assertThat(leases.held(id)).as("its expired lease was taken").isFalse();
        assertThat(log.exists(id)).isFalse();
        assertThat(searches.findById(id)).isEmpty();
    }
}
