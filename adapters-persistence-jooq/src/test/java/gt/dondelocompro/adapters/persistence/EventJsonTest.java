package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.ComparisonGroup;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.identity.OfferGroups;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every search event survives the trip to jsonb and back unchanged, amounts and durations exactly. */
class EventJsonTest {

    private static final Offer OFFER = new Offer("cemaco", "Cemaco", "111", "Licuadora \"Oster\" ñ", "Oster",
            "https://www.cemaco.com/p/111", null, Money.gtq("1299.00"), Money.gtq("1500.50"), Availability.IN_STOCK,
            new BigDecimal("0.50"));

    /** Two offers of one product (GTIN, match key, saving) and one alone (no key: its id is the offer's). */
    private static final List<Offer> GROUPED = List.of(
            OFFER.withIdentifiers("036000291452", "BLSTKAG-WBL", null),
            new Offer("curacao", "La Curacao", "c-9", "Licuadora Oster BLSTKAG", null, "https://curacao/p/9", null,
                    Money.gtq("1250.10"), null, Availability.OUT_OF_STOCK, new BigDecimal("1.00"), "036000291452", null, null),
            new Offer("max", "Max", null, "Vaso para licuadora", null, "https://max/vaso", null, Money.gtq("89.90"), null,
                    Availability.UNKNOWN, new BigDecimal("0.40")));
    private static final List<ComparisonGroup> GROUPS = ComparisonGroup.of(OfferGroups.of(GROUPED), GROUPED);

    @Test
    void the_groups_of_a_completed_search_are_real_ones_with_and_without_a_match_key() {
        assertThat(GROUPS).extracting(ComparisonGroup::id).containsExactly("gtin:0036000291452", "offer:max/https://max/vaso");
        assertThat(GROUPS.getFirst().product().offers()).containsExactly(0, 1);
    }

    @Test
    void a_completed_event_saved_before_groups_were_kept_reads_with_no_groups() {
        JSONB old = JSONB.valueOf("{\"total_results\": 0, \"duration\": \"PT1S\", \"cheapest\": null}");

        assertThat(EventJson.read("completed", old)).isEqualTo(new SearchEvent.Completed(0, Duration.ofSeconds(1), null, null));
    }

    @Test
    void every_event_reads_back_equal() {
        List<SearchEvent> events = List.of(
                new SearchEvent.Started("Licuadora  OSTER", 10, List.of("cemaco", "curacao")),
                new SearchEvent.VendorStarted("cemaco", "Cemaco"),
                new SearchEvent.ProductFound("cemaco", OFFER),
                new SearchEvent.ProductFound("cemaco", new Offer("cemaco", "Cemaco", null, "Vaso", null, "https://x/y", "https://x/y.jpg",
                        Money.of("12", "JPY"), null, Availability.UNKNOWN, BigDecimal.ONE)),
                new SearchEvent.ProductFound("cemaco", OFFER.withIdentifiers("036000291452", "BLSTKAG-WBL", "Electrodomésticos/Licuadoras")),
                new SearchEvent.VendorCompleted("cemaco", 2, Duration.ofMillis(105)),
                new SearchEvent.VendorError("curacao", "store curacao failed: timeout", FailureKind.TIMEOUT, Duration.ofMillis(8000)),
                new SearchEvent.VendorError("curacao", "saved before durations were kept", FailureKind.TIMEOUT, null),
                new SearchEvent.Completed(3, Duration.ofNanos(1_234_567_891L), OFFER, GROUPS),
                new SearchEvent.Completed(0, Duration.ZERO, null, List.of()),
                new SearchEvent.Error("no store could be asked"));

        for (SearchEvent event : events) {
            JSONB json = EventJson.write(event);
            assertThat(EventJson.read(event.name(), json)).as(json.data()).isEqualTo(event);
        }
    }

    @Test
    void amounts_are_json_numbers_with_their_scale() {
        String json = EventJson.write(new SearchEvent.ProductFound("cemaco", OFFER)).data();

        assertThat(json).contains("\"price\":1299.00", "\"list_price\":1500.50", "\"relevance\":0.50", "\"currency\":\"GTQ\"");
    }
}
