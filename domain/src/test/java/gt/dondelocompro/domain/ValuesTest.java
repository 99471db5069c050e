package gt.dondelocompro.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Money, offers, price history and store performance keep their invariants. */
class ValuesTest {

    @Test
    void money_rounds_float_noise_to_the_minor_unit_and_refuses_negatives() {
        assertThat(Money.gtq("2128.3011583011585").amount()).isEqualTo(new BigDecimal("2128.30"));
        assertThat(Money.of("449", "USD").amount()).isEqualTo(new BigDecimal("449.00"));
        assertThat(Money.of("1500", "CLP").amount()).isEqualTo(new BigDecimal("1500"));
        assertThatThrownBy(() -> Money.gtq("-1")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void an_offer_at_zero_is_no_offer() {
        assertThatThrownBy(() -> Offer.of(Vendor.of("a", "A"), "1", "x", null, "https://a.gt/x", null, Money.gtq("0"), null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("price of 0");
    }

    @Test
    void price_history_gives_min_max_current_and_change() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        PriceHistory h = new PriceHistory(7, List.of(
                new PriceObservation(Money.gtq("450"), Availability.IN_STOCK, t.plusSeconds(20)),
                new PriceObservation(Money.gtq("500"), Availability.IN_STOCK, t),
                new PriceObservation(Money.gtq("399.99"), Availability.OUT_OF_STOCK, t.plusSeconds(10))));

        assertThat(h.observations().getFirst().scrapedAt()).isEqualTo(t);
        assertThat(h.min()).contains(Money.gtq("399.99"));
        assertThat(h.max()).contains(Money.gtq("500"));
        assertThat(h.current()).contains(Money.gtq("450"));
        assertThat(h.change()).contains(new BigDecimal("-50.00"));
        assertThat(new PriceHistory(8, List.of()).change()).isEmpty();
    }

    @Test
    void store_performance_keeps_a_running_average_and_success_rate() {
        LocalDate day = LocalDate.of(2026, 11, 23);
        StorePerformance p = StorePerformance.empty("cemaco", day)
                .plus(VendorOutcome.completed("cemaco", "Cemaco", 10, Duration.ofMillis(1000)))
                .plus(VendorOutcome.completed("cemaco", "Cemaco", 5, Duration.ofMillis(2000)))
                .plus(VendorOutcome.failed("cemaco", "Cemaco", FailureKind.TIMEOUT, "slow", Duration.ofMillis(6000)));

        assertThat(p.totalSearches()).isEqualTo(3);
        assertThat(p.totalProducts()).isEqualTo(15);
        assertThat(p.errorCount()).isEqualTo(1);
        assertThat(p.avgDurationSeconds()).isEqualByComparingTo("3.000");
        assertThat(p.successRate()).isEqualByComparingTo("0.67");
    }

    @Test
    void an_offer_keeps_a_gtin_only_when_its_check_digit_is_right_and_blank_identifiers_are_none() {
        Offer offer = Offer.of(Vendor.of("cemaco", "Cemaco"), "1", "Licuadora Oster", "Oster", "https://x.gt/1", null,
                Money.gtq("499.00"), null, Availability.IN_STOCK);
        assertThat(offer.withIdentifiers("036000291452", " BLSTKAG ", "Cocina/Licuadoras").gtin()).isEqualTo("0036000291452");
        assertThat(offer.withIdentifiers("036000291453", "BLSTKAG", null).gtin()).as("wrong check digit").isNull();
        assertThat(offer.withIdentifiers(null, "  ", "").model()).isNull();
        assertThat(offer.withIdentifiers(null, " BLSTKAG ", null).model()).isEqualTo("BLSTKAG");
        assertThat(offer.withIdentifiers("036000291452", "BLSTKAG", "Cocina").scoredFor(SearchQuery.of("licuadora")).category())
                .as("scoring keeps the identifiers").isEqualTo("Cocina");
    }
}
