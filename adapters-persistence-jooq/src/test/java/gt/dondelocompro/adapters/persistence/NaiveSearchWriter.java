package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.db.jooq.tables.records.VendorPerformanceRecord;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StorePerformance;
import gt.dondelocompro.domain.VendorOutcome;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.PRODUCT_PRICES;
import static gt.dondelocompro.db.jooq.Tables.SEARCHES;
import static gt.dondelocompro.db.jooq.Tables.SEARCH_EVENTS;
import static gt.dondelocompro.db.jooq.Tables.SEARCH_RESULTS;
import static gt.dondelocompro.db.jooq.Tables.VENDORS;
import static gt.dondelocompro.db.jooq.Tables.VENDOR_PERFORMANCE;
import static org.jooq.impl.DSL.currentInstant;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.when;

/**
 * The obvious way to save a finished search: one single-row statement per store, product, price, result,
 * event and store day, in one transaction, with the store-day arithmetic done in Java by the domain's
 * {@link StorePerformance#plus}. The yardstick of the benchmark, and an independent second implementation
 * that the batched adapters must agree with row for row.
 */
final class NaiveSearchWriter {

    private final JooqPersistence persistence;

    NaiveSearchWriter(JooqPersistence persistence) {
        this.persistence = persistence;
    }

    /** Returns false when the search was already saved. */
    boolean save(SearchSnapshot search) {
        return persistence.transactions().inTransaction(() -> {
            DSLContext dsl = persistence.dsl();
            if (dsl.fetchExists(SEARCHES, SEARCHES.ID.eq(search.id()))) {
                return false;
            }
            Map<ProductKey, Long> ids = new HashMap<>();
            // a search answered from another saved one saw no price itself: it points at the other's products
            boolean seenBefore = search.answeredFromAnother() && dsl.fetchExists(SEARCHES, SEARCHES.ID.eq(search.cachedFrom().searchId()));
            Instant seenAt = search.answeredFromAnother() && search.cachedFrom().completedAt() != null
                    ? search.cachedFrom().completedAt() : search.completedAt();
            for (Offer offer : search.offers()) {
                if (seenBefore) {
                    ProductKey key = ProductKey.of(offer);
                    ids.put(key, dsl.select(PRODUCTS.ID).from(PRODUCTS)
                            .where(PRODUCTS.VENDOR_ID.eq(key.vendorId()), PRODUCTS.VENDOR_PRODUCT_ID.eq(key.vendorProductId()))
                            .fetchOne(PRODUCTS.ID));
                    continue;
                }
                vendor(dsl, offer.vendorId(), offer.vendorName());
                ProductKey key = ProductKey.of(offer);
                long id = dsl.insertInto(PRODUCTS)
                        .set(PRODUCTS.VENDOR_ID, key.vendorId())
                        .set(PRODUCTS.VENDOR_PRODUCT_ID, key.vendorProductId())
                        .set(PRODUCTS.NAME, offer.name())
                        .set(PRODUCTS.BRAND, offer.brand())
                        .set(PRODUCTS.URL, offer.url())
                        .set(PRODUCTS.IMAGE_URL, offer.imageUrl())
                        .set(PRODUCTS.UPDATED_AT, seenAt)
                        .onConflict(PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID)
                        .doUpdate()
                        .set(PRODUCTS.NAME, when(excluded(PRODUCTS.UPDATED_AT).ge(PRODUCTS.UPDATED_AT), excluded(PRODUCTS.NAME)).otherwise(PRODUCTS.NAME))
                        .set(PRODUCTS.BRAND, when(excluded(PRODUCTS.UPDATED_AT).ge(PRODUCTS.UPDATED_AT), excluded(PRODUCTS.BRAND)).otherwise(PRODUCTS.BRAND))
                        .set(PRODUCTS.URL, when(excluded(PRODUCTS.UPDATED_AT).ge(PRODUCTS.UPDATED_AT), excluded(PRODUCTS.URL)).otherwise(PRODUCTS.URL))
                        .set(PRODUCTS.IMAGE_URL, when(excluded(PRODUCTS.UPDATED_AT).ge(PRODUCTS.UPDATED_AT), excluded(PRODUCTS.IMAGE_URL)).otherwise(PRODUCTS.IMAGE_URL))
                        .set(PRODUCTS.UPDATED_AT, greatest(PRODUCTS.UPDATED_AT, excluded(PRODUCTS.UPDATED_AT)))
                        .returningResult(PRODUCTS.ID)
                        .fetchOne(PRODUCTS.ID);
                ids.put(key, id);
                dsl.insertInto(PRODUCT_PRICES)
                        .set(PRODUCT_PRICES.PRODUCT_ID, id)
                        .set(PRODUCT_PRICES.PRICE, offer.price().amount())
                        .set(PRODUCT_PRICES.LIST_PRICE, offer.listPrice() == null ? null : offer.listPrice().amount())
                        .set(PRODUCT_PRICES.CURRENCY, offer.price().currency().getCurrencyCode())
                        .set(PRODUCT_PRICES.AVAILABILITY, offer.availability().wireName())
                        .set(PRODUCT_PRICES.SCRAPED_AT, seenAt)
                        .onConflictDoNothing()
                        .execute();
            }
            dsl.insertInto(SEARCHES)
                    .set(SEARCHES.ID, search.id())
                    .set(SEARCHES.QUERY, search.query().original())
                    .set(SEARCHES.QUERY_NORMALIZED, search.query().normalized())
                    .set(SEARCHES.MAX_RESULTS, search.maxResults())
                    .set(SEARCHES.STATUS, search.status().wireName())
                    .set(SEARCHES.TOTAL_PRODUCTS, search.totalResults())
                    .set(SEARCHES.TOTAL_VENDORS, search.outcomes().size())
                    .set(SEARCHES.DURATION_SECONDS, search.durationSeconds().orElse(null))
                    .set(SEARCHES.CACHED, search.answeredFromAnother())
                    .set(SEARCHES.CACHED_FROM_SEARCH_ID, search.answeredFromAnother() ? search.cachedFrom().searchId() : null)
                    .set(SEARCHES.CACHED_FROM_COMPLETED_AT, search.answeredFromAnother() ? search.cachedFrom().completedAt() : null)
                    .set(SEARCHES.JOINED, search.joinedFrom() != null)
                    .set(SEARCHES.REFRESH_SEARCH_ID, search.answeredFromAnother() ? search.cachedFrom().refreshSearchId() : null)
                    .set(SEARCHES.CREATED_AT, search.createdAt())
                    .set(SEARCHES.STARTED_AT, search.startedAt())
                    .set(SEARCHES.COMPLETED_AT, search.completedAt())
                    .set(SEARCHES.ERROR_MESSAGE, search.errorMessage())
                    .set(SEARCHES.ANALYTICS_RECORDED_AT, currentInstant())
                    .execute();
            int position = 1;
            for (Offer offer : search.offers()) {
                dsl.insertInto(SEARCH_RESULTS)
                        .set(SEARCH_RESULTS.SEARCH_ID, search.id())
                        .set(SEARCH_RESULTS.PRODUCT_ID, ids.get(ProductKey.of(offer)))
                        .set(SEARCH_RESULTS.POSITION, position++)
                        .set(SEARCH_RESULTS.RELEVANCE_SCORE, offer.relevance())
                        .execute();
            }
            for (RecordedEvent e : search.events()) {
                dsl.insertInto(SEARCH_EVENTS)
                        .set(SEARCH_EVENTS.SEARCH_ID, search.id())
                        .set(SEARCH_EVENTS.SEQUENCE, (int) e.sequence())
                        .set(SEARCH_EVENTS.EVENT_TYPE, e.event().name())
                        .set(SEARCH_EVENTS.VENDOR_ID, vendorOf(e.event()))
                        .set(SEARCH_EVENTS.DATA, EventJson.write(e.event()))
                        .set(SEARCH_EVENTS.CREATED_AT, e.at())
                        .execute();
            }
            LocalDate day = LocalDate.ofInstant(search.createdAt(), ZoneOffset.UTC);
            for (VendorOutcome outcome : search.outcomes()) {
                if (outcome.status() == VendorOutcome.Status.PENDING || search.answeredFromAnother()) {
                    continue;
                }
                vendor(dsl, outcome.vendorId(), outcome.vendorName());
                VendorPerformanceRecord row = dsl.selectFrom(VENDOR_PERFORMANCE)
                        .where(VENDOR_PERFORMANCE.VENDOR_ID.eq(outcome.vendorId()), VENDOR_PERFORMANCE.DATE.eq(day))
                        .forUpdate()
                        .fetchOne();
                StorePerformance before = row == null
                        ? StorePerformance.empty(outcome.vendorId(), day)
                        : new StorePerformance(row.getVendorId(), row.getDate(), row.getTotalSearches(), row.getTotalProducts(),
                                row.getAvgDurationSeconds(), row.getSuccessRate(), row.getErrorCount());
                StorePerformance after = before.plus(outcome);
                dsl.insertInto(VENDOR_PERFORMANCE)
                        .set(VENDOR_PERFORMANCE.VENDOR_ID, after.vendorId())
                        .set(VENDOR_PERFORMANCE.DATE, after.date())
                        .set(VENDOR_PERFORMANCE.TOTAL_SEARCHES, after.totalSearches())
                        .set(VENDOR_PERFORMANCE.TOTAL_PRODUCTS, after.totalProducts())
                        .set(VENDOR_PERFORMANCE.AVG_DURATION_SECONDS, after.avgDurationSeconds())
                        .set(VENDOR_PERFORMANCE.SUCCESS_RATE, after.successRate())
                        .set(VENDOR_PERFORMANCE.ERROR_COUNT, after.errorCount())
                        .onConflict(VENDOR_PERFORMANCE.VENDOR_ID, VENDOR_PERFORMANCE.DATE)
                        .doUpdate()
                        .set(VENDOR_PERFORMANCE.TOTAL_SEARCHES, after.totalSearches())
                        .set(VENDOR_PERFORMANCE.TOTAL_PRODUCTS, after.totalProducts())
                        .set(VENDOR_PERFORMANCE.AVG_DURATION_SECONDS, after.avgDurationSeconds())
                        .set(VENDOR_PERFORMANCE.SUCCESS_RATE, after.successRate())
                        .set(VENDOR_PERFORMANCE.ERROR_COUNT, after.errorCount())
                        .set(VENDOR_PERFORMANCE.UPDATED_AT, currentInstant())
                        .execute();
            }
            return true;
        });
    }

    private static void vendor(DSLContext dsl, String id, String name) {
        dsl.insertInto(VENDORS)
                .set(VENDORS.ID, id)
                .set(VENDORS.NAME, name == null || name.isBlank() ? id : name)
                .set(VENDORS.BASE_URL, "")
                .onConflict(VENDORS.ID)
                .doUpdate()
                .set(VENDORS.NAME, excluded(VENDORS.NAME))
                .set(VENDORS.UPDATED_AT, currentInstant())
                .where(VENDORS.NAME.isDistinctFrom(excluded(VENDORS.NAME)))
                .execute();
    }

    private static String vendorOf(SearchEvent event) {
        return switch (event) {
            case SearchEvent.VendorStarted s -> s.vendorId();
            case SearchEvent.ProductFound f -> f.vendorId();
            case SearchEvent.VendorCompleted c -> c.vendorId();
            case SearchEvent.VendorError e -> e.vendorId();
            default -> null;
        };
    }
}
