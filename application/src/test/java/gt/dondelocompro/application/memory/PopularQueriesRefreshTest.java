package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.service.AlertSettings;
import gt.dondelocompro.application.testing.ScriptedStore;
import gt.dondelocompro.application.testing.SearchFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code TRACK_POPULAR}: the week's most popular queries are re-run on the re-check schedule, without the cache. */
class PopularQueriesRefreshTest {

    @Test
    void thePopularQueriesAreSearchedAgainEachInterval() throws Exception {
        ScriptedStore store = ScriptedStore.answering(SearchFixtures.CEMACO,
                SearchFixtures.offer(SearchFixtures.CEMACO, "LIC-1", "Licuadora Oster", "499"));
        try (DondeLoCompro core = DondeLoCompro.builder().store(store)
                .alertSettings(AlertSettings.defaults().withTrackInterval(Duration.ofMillis(500)).withTrackPopular(1)).build()) {
            core.startSearch().startSearch(StartSearchCommand.of("licuadora oster", 10, true));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.calls() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.calls()).as("the shopper's search, then re-runs of it").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void withoutTrackPopularNothingIsReRun() throws Exception {
        ScriptedStore store = ScriptedStore.answering(SearchFixtures.CEMACO,
                SearchFixtures.offer(SearchFixtures.CEMACO, "LIC-1", "Licuadora Oster", "499"));
        try (DondeLoCompro core = DondeLoCompro.builder().store(store)
                .alertSettings(AlertSettings.defaults().withTrackInterval(Duration.ofMillis(300))).build()) {
            core.startSearch().startSearch(StartSearchCommand.of("licuadora oster", 10, true));
            Thread.sleep(1_500);
            assertThat(store.calls()).isEqualTo(1);
        }
    }
}
