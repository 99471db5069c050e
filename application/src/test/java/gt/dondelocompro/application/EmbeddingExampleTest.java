package gt.dondelocompro.application;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.Vendor;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README's "embed the core" example honest: the same code, compiled and run here. */
class EmbeddingExampleTest {

    // README:begin
    /** A store of your own: here a fixed catalogue; in real life an HTTP call. */
    static final class MyStore implements Store {
        private final Vendor vendor = Vendor.of("mitienda", "Mi Tienda");

        @Override
        public Vendor vendor() {
            return vendor;
        }

        @Override
        public StoreResult search(SearchQuery query, int maxResults) {
            return StoreResult.Offers.of(List.of(Offer.of(vendor, "L-1", "Licuadora Oster 10 velocidades", "Oster",
                    "https://mitienda.gt/p/L-1", null, Money.gtq("499.00"), null, Availability.IN_STOCK)));
        }
    }

    static SearchSnapshot searchOnce(List<String> eventNames) throws InterruptedException {
        try (DondeLoCompro core = DondeLoCompro.builder().store(new MyStore()).build()) {
            SearchTicket ticket = core.startSearch().startSearch(StartSearchCommand.of("licuadora oster", 10, true));
            try (EventSubscription events = core.subscribeToSearch().subscribe(ticket.searchId(), 0).orElseThrow()) {
                while (!events.isFinished()) {
                    events.next(Duration.ofSeconds(15)).ifPresent(e -> eventNames.add(e.event().name()));
                }
            }
            return core.getSearch().getSearch(ticket.searchId()).orElseThrow();
        }
    }
    // README:end

    @Test
    void the_readme_example_runs_a_search_end_to_end() throws Exception {
        List<String> names = new ArrayList<>();

        SearchSnapshot search = searchOnce(names);

        assertThat(names).containsExactly("started", "vendor_started", "product_found", "vendor_completed", "completed");
        assertThat(search.cheapest()).map(Offer::name).contains("Licuadora Oster 10 velocidades");
    }

    @Test
    void the_readme_shows_exactly_this_example() throws Exception {
        String source = Files.readString(Path.of("src/test/java/gt/dondelocompro/application/EmbeddingExampleTest.java"));
        String example = source.substring(source.indexOf("// README:begin\n") + 16, source.indexOf("    // README:end"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains(example.stripTrailing().stripIndent());
    }
}
