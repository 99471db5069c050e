package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.PriceRetention;
import gt.dondelocompro.db.jooq.tables.records.ProductPriceDaysRecord;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.PriceObservation;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.PRODUCT_PRICES;
import static gt.dondelocompro.db.jooq.Tables.PRODUCT_PRICE_DAYS;

/**
 * Retention on PostgreSQL: the raw prices seen before a moment are rolled up into {@code product_price_days} (one row
 * per product and UTC day: lowest, highest and last price with their moments) and deleted, in one transaction; a day
 * rolled up in two runs (the cut falls inside it) is merged. {@link #observations} reads the rows back as
 * observations for price history.
 */
public final class JooqPriceRetention implements PriceRetention {

    private final DSLContext dsl;
    private final JooqTransactions transactions;

    JooqPriceRetention(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    @Override
    public long rollUpBefore(Instant before) {
        Field<Instant> cut = DSL.val(before, PRODUCT_PRICES.SCRAPED_AT);
        return transactions.inTransaction(() -> {
            // array_agg(... ORDER BY ...)[1] picks the value of the row first in that order, per group
            dsl.execute("""
                    INSERT INTO product_price_days (product_id, day, currency, min_price, min_at, max_price, max_at,
                                                    last_price, last_at, last_availability, observations)
                    SELECT product_id, (scraped_at AT TIME ZONE 'UTC')::date,
                           (array_agg(currency ORDER BY scraped_at DESC))[1],
                           min(price), (array_agg(scraped_at ORDER BY price ASC, scraped_at ASC))[1],
                           max(price), (array_agg(scraped_at ORDER BY price DESC, scraped_at ASC))[1],
                           (array_agg(price ORDER BY scraped_at DESC))[1], max(scraped_at),
                           (array_agg(availability ORDER BY scraped_at DESC))[1], count(*)
                    FROM product_prices WHERE scraped_at < CAST(? AS timestamptz)
                    GROUP BY product_id, (scraped_at AT TIME ZONE 'UTC')::date
                    ON CONFLICT (product_id, day) DO UPDATE SET
                        min_at = CASE WHEN excluded.min_price < product_price_days.min_price THEN excluded.min_at ELSE product_price_days.min_at END,
                        min_price = least(product_price_days.min_price, excluded.min_price),
                        max_at = CASE WHEN excluded.max_price > product_price_days.max_price THEN excluded.max_at ELSE product_price_days.max_at END,
                        max_price = greatest(product_price_days.max_price, excluded.max_price),
                        last_price = CASE WHEN excluded.last_at > product_price_days.last_at THEN excluded.last_price ELSE product_price_days.last_price END,
                        last_availability = CASE WHEN excluded.last_at > product_price_days.last_at THEN excluded.last_availability
                                                 ELSE product_price_days.last_availability END,
                        currency = CASE WHEN excluded.last_at > product_price_days.last_at THEN excluded.currency ELSE product_price_days.currency END,
                        last_at = greatest(product_price_days.last_at, excluded.last_at),
                        observations = product_price_days.observations + excluded.observations
                    """, cut);
            return (long) dsl.execute("DELETE FROM product_prices WHERE scraped_at < CAST(? AS timestamptz)", cut);
        });
    }

    /**
     * The rolled-up days seen since {@code since} of the products matching {@code which} (a condition on
     * {@code products}), each day as up to three observations (its low, its high, its last; the low and high of
     * unknown availability), handed to {@code each} with the product's id and vendor.
     */
    static void observations(DSLContext dsl, Condition which, Instant since, BiConsumer<ProductOfDay, PriceObservation> each) {
        dsl.select(PRODUCTS.ID, PRODUCTS.VENDOR_ID).select(PRODUCT_PRICE_DAYS.fields())
                .from(PRODUCT_PRICE_DAYS)
                .join(PRODUCTS).on(PRODUCTS.ID.eq(PRODUCT_PRICE_DAYS.PRODUCT_ID))
                .where(which, PRODUCT_PRICE_DAYS.LAST_AT.ge(since))
                .forEach(r -> {
                    ProductPriceDaysRecord day = r.into(PRODUCT_PRICE_DAYS);
                    ProductOfDay product = new ProductOfDay(r.get(PRODUCTS.ID), r.get(PRODUCTS.VENDOR_ID));
                    for (PriceObservation o : dayObservations(day)) {
                        if (!o.scrapedAt().isBefore(since)) {
                            each.accept(product, o);
                        }
                    }
                });
    }

    record ProductOfDay(long productId, String vendorId) {
    }

    private static List<PriceObservation> dayObservations(ProductPriceDaysRecord day) {
        Currency currency = Currency.getInstance(day.getCurrency());
        Map<Instant, PriceObservation> byMoment = new LinkedHashMap<>();
        byMoment.put(day.getMinAt(), new PriceObservation(new Money(day.getMinPrice(), currency), Availability.UNKNOWN, day.getMinAt()));
        byMoment.put(day.getMaxAt(), new PriceObservation(new Money(day.getMaxPrice(), currency), Availability.UNKNOWN, day.getMaxAt()));
        byMoment.put(day.getLastAt(), new PriceObservation(new Money(day.getLastPrice(), currency),
                Availability.fromWireName(day.getLastAvailability()), day.getLastAt()));
        return new ArrayList<>(byMoment.values());
    }
}
