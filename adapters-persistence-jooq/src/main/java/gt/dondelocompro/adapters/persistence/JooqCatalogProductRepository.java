package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.CatalogProductRepository;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.db.jooq.tables.records.CatalogProductsRecord;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.CatalogEntry;
import gt.dondelocompro.domain.CatalogPriceHistory;
import gt.dondelocompro.domain.CatalogProduct;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceObservation;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep6;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static gt.dondelocompro.db.jooq.Tables.CATALOG_PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.PRODUCT_PRICES;
import static gt.dondelocompro.db.jooq.Tables.VENDORS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.values;
import static org.jooq.impl.DSL.when;

/**
 * Catalog products on PostgreSQL. Linking a search's products is two set-based statements whatever their number:
 * upsert the catalog products by match key returning their ids, then point the products at them.
 */
public final class JooqCatalogProductRepository implements CatalogProductRepository {

    private final DSLContext dsl;
    private final JooqTransactions transactions;

    JooqCatalogProductRepository(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    @Override
    public Map<String, Long> link(List<Offer> offers, Map<ProductKey, Long> productIds, Instant seenAt) {
        // one row per key (the last offer's details win, as for products), sorted so that concurrent saves lock
        // the same catalog rows in the same order; and the key of each product
        TreeMap<String, CatalogEntry> entries = new TreeMap<>();
        Map<Long, String> keyOfProduct = new LinkedHashMap<>();
        for (Offer offer : offers) {
            Long productId = productIds.get(ProductKey.of(offer));
            Optional<CatalogEntry> entry = CatalogEntry.of(offer);
            if (productId != null && entry.isPresent()) {
                entries.put(entry.get().matchKey(), entry.get());
                keyOfProduct.put(productId, entry.get().matchKey());
            }
        }
        if (entries.isEmpty()) {
            return Map.of();
        }
        return transactions.inTransaction(() -> {
            Map<String, Long> ids = upsert(entries, seenAt);
            linkProducts(keyOfProduct, ids);
            return ids;
        });
    }

    private Map<String, Long> upsert(TreeMap<String, CatalogEntry> entries, Instant seenAt) {
        InsertValuesStep6<CatalogProductsRecord, String, String, String, String, String, Instant> insert = dsl.insertInto(
                CATALOG_PRODUCTS, CATALOG_PRODUCTS.MATCH_KEY, CATALOG_PRODUCTS.NAME, CATALOG_PRODUCTS.BRAND,
                CATALOG_PRODUCTS.MODEL, CATALOG_PRODUCTS.GTIN, CATALOG_PRODUCTS.UPDATED_AT);
        entries.values().forEach(e -> insert.values(e.matchKey(), e.name(), e.brand(), e.model(), e.gtin(), seenAt));
        // every conflicting row is updated, so RETURNING gives every id; details only from a sighting at least as
        // recent as the stored one (a backlog drained late does not overwrite what a newer search saw), a missing
        // brand or model keeps the one known, and a GTIN once known stays
        Map<String, Long> ids = new HashMap<>();
        insert.onConflict(CATALOG_PRODUCTS.MATCH_KEY)
                .doUpdate()
                .set(CATALOG_PRODUCTS.NAME, newer(CATALOG_PRODUCTS.NAME))
                .set(CATALOG_PRODUCTS.BRAND, coalesce(newer(CATALOG_PRODUCTS.BRAND), CATALOG_PRODUCTS.BRAND))
                .set(CATALOG_PRODUCTS.MODEL, coalesce(newer(CATALOG_PRODUCTS.MODEL), CATALOG_PRODUCTS.MODEL))
                .set(CATALOG_PRODUCTS.GTIN, coalesce(CATALOG_PRODUCTS.GTIN, excluded(CATALOG_PRODUCTS.GTIN)))
                .set(CATALOG_PRODUCTS.UPDATED_AT, greatest(CATALOG_PRODUCTS.UPDATED_AT, excluded(CATALOG_PRODUCTS.UPDATED_AT)))
                .returningResult(CATALOG_PRODUCTS.ID, CATALOG_PRODUCTS.MATCH_KEY)
                .fetch()
                .forEach(r -> ids.put(r.value2(), r.value1()));
        return ids;
    }

    private static <T> Field<T> newer(Field<T> column) {
        return when(excluded(CATALOG_PRODUCTS.UPDATED_AT).ge(CATALOG_PRODUCTS.UPDATED_AT), excluded(column)).otherwise(column);
    }

    private void linkProducts(Map<Long, String> keyOfProduct, Map<String, Long> catalogIds) {
        Map<Long, Long> targets = new LinkedHashMap<>();
        keyOfProduct.forEach((product, key) -> targets.put(product, catalogIds.get(key)));
        ProductLinks.set(dsl, PRODUCTS.CATALOG_PRODUCT_ID, SQLDataType.BIGINT, targets);
    }

    @Override
    public Map<String, Long> findIds(Collection<String> matchKeys) {
        if (matchKeys.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> ids = new HashMap<>();
        dsl.select(CATALOG_PRODUCTS.ID, CATALOG_PRODUCTS.MATCH_KEY)
                .from(CATALOG_PRODUCTS)
                .where(CATALOG_PRODUCTS.MATCH_KEY.in(matchKeys))
                .forEach(r -> ids.put(r.value2(), r.value1()));
        return ids;
    }

    @Override
    public Optional<CatalogProduct> findById(long id) {
        // one round trip: the catalog row, each linked product with its store's name and its latest price
        LatestPrice latest = LatestPrice.ofEachProduct();
        Field<BigDecimal> price = latest.price();
        Field<BigDecimal> listPrice = latest.listPrice();
        Field<String> currency = latest.currency();
        Field<String> availability = latest.availability();
        Field<Instant> scrapedAt = latest.scrapedAt();
        Result<Record> rows = dsl.select(CATALOG_PRODUCTS.ID, CATALOG_PRODUCTS.NAME, CATALOG_PRODUCTS.BRAND,
                        CATALOG_PRODUCTS.MODEL, CATALOG_PRODUCTS.GTIN)
                .select(PRODUCTS.ID, PRODUCTS.VENDOR_ID, VENDORS.NAME, PRODUCTS.VENDOR_PRODUCT_ID, PRODUCTS.NAME,
                        PRODUCTS.BRAND, PRODUCTS.URL, PRODUCTS.IMAGE_URL)
                .select(price, listPrice, currency, availability, scrapedAt)
                .from(CATALOG_PRODUCTS)
                .leftJoin(PRODUCTS).on(PRODUCTS.CATALOG_PRODUCT_ID.eq(CATALOG_PRODUCTS.ID))
                .leftJoin(VENDORS).on(VENDORS.ID.eq(PRODUCTS.VENDOR_ID))
                .leftJoin(latest.table()).on(noCondition())
                .where(CATALOG_PRODUCTS.ID.eq(id))
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<CatalogProduct.StoreOffer> linked = new ArrayList<>();
        for (Record r : rows) {
            if (r.get(price) != null) {
                Currency money = Currency.getInstance(r.get(currency));
                linked.add(new CatalogProduct.StoreOffer(r.get(PRODUCTS.ID), r.get(PRODUCTS.VENDOR_ID), r.get(VENDORS.NAME),
                        r.get(PRODUCTS.VENDOR_PRODUCT_ID), r.get(PRODUCTS.NAME), r.get(PRODUCTS.BRAND), r.get(PRODUCTS.URL),
                        r.get(PRODUCTS.IMAGE_URL), new Money(r.get(price), money),
                        r.get(listPrice) == null ? null : new Money(r.get(listPrice), money),
                        Availability.fromWireName(r.get(availability)), r.get(scrapedAt)));
            }
        }
        Record first = rows.getFirst();
        return Optional.of(CatalogProduct.withLatestPerStore(id, first.get(CATALOG_PRODUCTS.NAME), first.get(CATALOG_PRODUCTS.BRAND),
                first.get(CATALOG_PRODUCTS.MODEL), first.get(CATALOG_PRODUCTS.GTIN), linked));
    }

    @Override
    public Optional<CatalogPriceHistory> findPriceHistory(long id, Instant since) {
        // one round trip: the catalog row tells "unknown" apart from "no price in the period"
        Result<? extends Record> rows = dsl.select(CATALOG_PRODUCTS.ID, PRODUCTS.VENDOR_ID, PRODUCT_PRICES.PRICE,
                        PRODUCT_PRICES.CURRENCY, PRODUCT_PRICES.AVAILABILITY, PRODUCT_PRICES.SCRAPED_AT)
                .from(CATALOG_PRODUCTS)
                .leftJoin(PRODUCTS).on(PRODUCTS.CATALOG_PRODUCT_ID.eq(CATALOG_PRODUCTS.ID))
                .leftJoin(PRODUCT_PRICES).on(PRODUCT_PRICES.PRODUCT_ID.eq(PRODUCTS.ID), PRODUCT_PRICES.SCRAPED_AT.ge(since))
                .where(CATALOG_PRODUCTS.ID.eq(id))
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<CatalogPriceHistory.StoreObservation> seen = new ArrayList<>();
        for (Record r : rows) {
            if (r.get(PRODUCT_PRICES.PRICE) != null) {
                seen.add(new CatalogPriceHistory.StoreObservation(r.get(PRODUCTS.VENDOR_ID), new PriceObservation(
                        new Money(r.get(PRODUCT_PRICES.PRICE), Currency.getInstance(r.get(PRODUCT_PRICES.CURRENCY))),
                        Availability.fromWireName(r.get(PRODUCT_PRICES.AVAILABILITY)), r.get(PRODUCT_PRICES.SCRAPED_AT))));
            }
        }
        // and the days older than the retention, rolled up (JooqPriceRetention)
        JooqPriceRetention.observations(dsl, PRODUCTS.CATALOG_PRODUCT_ID.eq(id), since,
                (product, o) -> seen.add(new CatalogPriceHistory.StoreObservation(product.vendorId(), o)));
        return Optional.of(CatalogPriceHistory.of(id, seen));
    }
}
