package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceHistory;
import gt.dondelocompro.domain.PriceObservation;
import gt.dondelocompro.domain.Vendor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention: raw prices older than the cut become one row per product and day (low, high, last), the raw rows are
 * deleted, and price history still shows those days; newer raw rows are left alone; a second run merges.
 */
class PriceRetentionTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final Vendor CEMACO = new Vendor("cemaco", "Cemaco", "https://www.cemaco.com", "vtex", true);
    static final Instant OLD_DAY = Instant.parse("2024-03-10T00:00:00Z");

    static Offer offer(String price, Availability availability) {
        return Offer.of(CEMACO, "LIC-1", "Licuadora Oster", "Oster", "https://www.cemaco.com/p/LIC-1", null, Money.gtq(price), null,
                availability);
    }

    @Test
    void oldRawPricesAreRolledUpPerDayDeletedAndStillReadAsHistory() {
        DB.truncateAll();
        JooqPersistence db = DB.persistence();
        Map<ProductKey, Long> ids = db.products().saveOffers(List.of(offer("500", Availability.IN_STOCK)), OLD_DAY.plus(Duration.ofHours(8)));
        long id = ids.values().iterator().next();
        db.products().saveOffers(List.of(offer("450", Availability.IN_STOCK)), OLD_DAY.plus(Duration.ofHours(12)));
        db.products().saveOffers(List.of(offer("520", Availability.IN_STOCK)), OLD_DAY.plus(Duration.ofHours(15)));
        db.products().saveOffers(List.of(offer("480", Availability.OUT_OF_STOCK)), OLD_DAY.plus(Duration.ofHours(20)));
        db.products().saveOffers(List.of(offer("470", Availability.IN_STOCK)), OLD_DAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(9)));
        Instant recent = Instant.now().minus(Duration.ofDays(1));
        db.products().saveOffers(List.of(offer("430", Availability.IN_STOCK)), recent);

        long rolled = db.retention().rollUpBefore(Instant.now().minus(Duration.ofDays(400)));

        assertThat(rolled).isEqualTo(5);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("product_prices"))).as("only the recent raw row is left").isEqualTo(1);
        var days = db.dsl().fetch("select day::text, min_price::text, max_price::text, last_price::text, last_availability, observations"
                + " from product_price_days order by day");
        assertThat(days).hasSize(2);
        assertThat(days.get(0).intoArray()).containsExactly("2024-03-10", "450.00", "520.00", "480.00", "out_of_stock", 4);
        assertThat(days.get(1).intoArray()).containsExactly("2024-03-11", "470.00", "470.00", "470.00", "in_stock", 1);

        PriceHistory history = db.products().priceHistory(id, OLD_DAY.minus(Duration.ofDays(1))).orElseThrow();
        assertThat(history.observations()).extracting(o -> o.price().amount().toPlainString())
                .containsExactly("450.00", "520.00", "480.00", "470.00", "430.00");
        assertThat(history.min().orElseThrow().amount()).isEqualByComparingTo("430");
        assertThat(history.max().orElseThrow().amount()).isEqualByComparingTo("520");
        assertThat(history.observations()).extracting(PriceObservation::scrapedAt).contains(OLD_DAY.plus(Duration.ofHours(20)));
        assertThat(db.products().priceHistory(id, recent.minusSeconds(1)).orElseThrow().observations()).hasSize(1);

        // a later raw row of an already rolled-up day (a late backlog) merges into its day
        db.products().saveOffers(List.of(offer("400", Availability.IN_STOCK)), OLD_DAY.plus(Duration.ofHours(23)));
        assertThat(db.retention().rollUpBefore(Instant.now().minus(Duration.ofDays(400)))).isEqualTo(1);
        var merged = db.dsl().fetchOne("select min_price::text, last_price::text, last_availability, observations from product_price_days"
                + " where day = date '2024-03-10'");
        assertThat(merged.intoArray()).containsExactly("400.00", "400.00", "in_stock", 5);
    }
}
