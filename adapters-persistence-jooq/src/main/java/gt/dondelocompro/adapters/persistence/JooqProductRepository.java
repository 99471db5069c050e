package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.UnsaveableDataException;
import gt.dondelocompro.db.jooq.tables.records.ProductPricesRecord;
import gt.dondelocompro.db.jooq.tables.records.ProductsRecord;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceHistory;
import gt.dondelocompro.domain.PriceObservation;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep6;
import org.jooq.InsertValuesStep7;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Row2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.PRODUCT_PRICES;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.when;

/**
 * Products and their price history on PostgreSQL. Saving a search's offers is three set-based statements
 * whatever their number: upsert the stores, upsert the products returning their ids, insert the prices.
 */
public final class JooqProductRepository implements ProductRepository {

    private static final Comparator<ProductKey> KEY_ORDER =
            Comparator.comparing(ProductKey::vendorId).thenComparing(ProductKey::vendorProductId);

    private final DSLContext dsl;
    private final JooqTransactions transactions;

    JooqProductRepository(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    @Override
    public Map<ProductKey, Long> saveOffers(List<Offer> offers, Instant scrapedAt) {
        if (offers.isEmpty()) {
            return Map.of();
        }
        // PostgreSQL would refuse most of these, but store a lone surrogate as '?': refuse them all alike
        for (Offer offer : offers) {
            List<String> problems = ProductKey.storageProblems(offer);
            if (!problems.isEmpty()) {
                throw new UnsaveableDataException("offer " + ProductKey.of(offer) + " cannot be stored: " + String.join(", ", problems));
            }
        }
        // One row per product: a store listing a product twice would make the upsert touch a row twice,
        // which PostgreSQL refuses; the last listing wins, as it would for a later sighting. Sorted by key,
        // so concurrent saves lock the same products in the same order.
        TreeMap<ProductKey, Offer> latest = new TreeMap<>(KEY_ORDER);
        TreeMap<String, String> vendors = new TreeMap<>();
        for (Offer offer : offers) {
            latest.put(ProductKey.of(offer), offer);
            vendors.putIfAbsent(offer.vendorId(), offer.vendorName());
        }
        return transactions.inTransaction(() -> {
            VendorRows.upsert(dsl, vendors);
            Map<ProductKey, Long> ids = upsertProducts(latest, scrapedAt);
            insertPrices(latest, ids, scrapedAt);
            Map<ProductKey, Long> result = new LinkedHashMap<>();
            for (Offer offer : offers) {
                ProductKey key = ProductKey.of(offer);
                result.put(key, ids.get(key));
            }
            return result;
        });
    }

    private Map<ProductKey, Long> upsertProducts(TreeMap<ProductKey, Offer> offers, Instant seenAt) {
        InsertValuesStep7<ProductsRecord, String, String, String, String, String, String, Instant> insert = dsl.insertInto(
                PRODUCTS, PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID, PRODUCTS.NAME, PRODUCTS.BRAND, PRODUCTS.URL,
                PRODUCTS.IMAGE_URL, PRODUCTS.UPDATED_AT);
        offers.forEach((key, o) -> insert.values(key.vendorId(), key.vendorProductId(), o.name(), o.brand(), o.url(), o.imageUrl(), seenAt));
        // every conflicting row is updated (so RETURNING gives every id), but only to details at least as
        // recent as the ones stored: a backlog drained late does not overwrite what a newer search saw
        Result<? extends Record> rows = insert.onConflict(PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID)
                .doUpdate()
                .set(PRODUCTS.NAME, newer(PRODUCTS.NAME))
                .set(PRODUCTS.BRAND, newer(PRODUCTS.BRAND))
                .set(PRODUCTS.URL, newer(PRODUCTS.URL))
                .set(PRODUCTS.IMAGE_URL, newer(PRODUCTS.IMAGE_URL))
                .set(PRODUCTS.UPDATED_AT, greatest(PRODUCTS.UPDATED_AT, excluded(PRODUCTS.UPDATED_AT)))
                .returningResult(PRODUCTS.ID, PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID)
                .fetch();
        Map<ProductKey, Long> ids = new HashMap<>();
        for (Record row : rows) {
            ids.put(new ProductKey(row.get(PRODUCTS.VENDOR_ID), row.get(PRODUCTS.VENDOR_PRODUCT_ID)), row.get(PRODUCTS.ID));
        }
        return ids;
    }

    private static <T> Field<T> newer(Field<T> column) {
        return when(excluded(PRODUCTS.UPDATED_AT).ge(PRODUCTS.UPDATED_AT), excluded(column)).otherwise(column);
    }

    private void insertPrices(TreeMap<ProductKey, Offer> offers, Map<ProductKey, Long> ids, Instant scrapedAt) {
        InsertValuesStep6<ProductPricesRecord, Long, java.math.BigDecimal, java.math.BigDecimal, String, String, Instant> insert =
                dsl.insertInto(PRODUCT_PRICES, PRODUCT_PRICES.PRODUCT_ID, PRODUCT_PRICES.PRICE, PRODUCT_PRICES.LIST_PRICE,
                        PRODUCT_PRICES.CURRENCY, PRODUCT_PRICES.AVAILABILITY, PRODUCT_PRICES.SCRAPED_AT);
        offers.forEach((key, o) -> insert.values(ids.get(key), o.price().amount(),
                o.listPrice() == null ? null : o.listPrice().amount(), o.price().currency().getCurrencyCode(),
                o.availability().wireName(), scrapedAt));
        // the same product seen at the same moment is the same observation: saving it again is a no-op
        insert.onConflictDoNothing().execute();
    }

    @Override
    public Map<ProductKey, Long> findProductIds(Collection<ProductKey> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        // one row-value IN for all keys: (vendor_id, vendor_product_id) in ((?, ?), ...), served by the unique index
        List<Row2<String, String>> wanted = keys.stream().map(k -> row(k.vendorId(), k.vendorProductId())).toList();
        Map<ProductKey, Long> ids = new HashMap<>();
        dsl.select(PRODUCTS.ID, PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID)
                .from(PRODUCTS)
                .where(row(PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID).in(wanted))
                .forEach(r -> ids.put(new ProductKey(r.value2(), r.value3()), r.value1()));
        return ids;
    }

    @Override
    public Optional<PriceHistory> priceHistory(long productId, Instant since) {
        // one round trip: the product row tells "unknown" apart from "no price in the period"
        Result<? extends Record> rows = dsl.select(PRODUCTS.ID, PRODUCT_PRICES.PRICE, PRODUCT_PRICES.CURRENCY,
                        PRODUCT_PRICES.AVAILABILITY, PRODUCT_PRICES.SCRAPED_AT)
                .from(PRODUCTS)
                .leftJoin(PRODUCT_PRICES).on(PRODUCT_PRICES.PRODUCT_ID.eq(PRODUCTS.ID), PRODUCT_PRICES.SCRAPED_AT.ge(since))
                .where(PRODUCTS.ID.eq(productId))
                .orderBy(PRODUCT_PRICES.SCRAPED_AT)
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<PriceObservation> observations = new ArrayList<>();
        for (Record row : rows) {
            if (row.get(PRODUCT_PRICES.PRICE) != null) {
                observations.add(new PriceObservation(
                        new Money(row.get(PRODUCT_PRICES.PRICE), Currency.getInstance(row.get(PRODUCT_PRICES.CURRENCY))),
                        Availability.fromWireName(row.get(PRODUCT_PRICES.AVAILABILITY)),
                        row.get(PRODUCT_PRICES.SCRAPED_AT)));
            }
        }
        // and the days older than the retention, rolled up (JooqPriceRetention)
        JooqPriceRetention.observations(dsl, PRODUCTS.ID.eq(productId), since, (product, o) -> observations.add(o));
        return Optional.of(new PriceHistory(productId, observations));
    }
}
