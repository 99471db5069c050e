package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.db.jooq.tables.records.VendorPerformanceRecord;
import gt.dondelocompro.domain.PopularSearch;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StorePerformance;
import gt.dondelocompro.domain.VendorOutcome;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep7;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static gt.dondelocompro.db.jooq.Tables.SEARCHES;
import static gt.dondelocompro.db.jooq.Tables.VENDOR_PERFORMANCE;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentInstant;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.round;

/**
 * Popular queries and daily store performance on PostgreSQL. Popular queries are counted from the
 * searches table (the searches already added to the counts); each store's day is one row, updated by an
 * upsert with the same arithmetic as {@link StorePerformance#plus}.
 */
public final class JooqAnalyticsRepository implements AnalyticsRepository {

    /** Ties are broken as Java compares strings, not by the database's locale. */
    private static final String BYTEWISE = "C";

    private final DSLContext dsl;
    private final JooqTransactions transactions;

    JooqAnalyticsRepository(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    /**
     * Marks the saved search as counted and adds each store's outcome to that day's row. The search must
     * have been saved first (as {@code FinishedSearchWriter} does, in the same transaction): its row is what
     * the popular queries count, and what makes a second call a no-op.
     */
    @Override
    public void recordSearch(SearchSnapshot search) {
        transactions.inTransaction(() -> {
            int marked = dsl.update(SEARCHES)
                    .set(SEARCHES.ANALYTICS_RECORDED_AT, currentInstant())
                    .where(SEARCHES.ID.eq(search.id()), SEARCHES.ANALYTICS_RECORDED_AT.isNull())
                    .execute();
            if (marked == 0) {
                if (!dsl.fetchExists(SEARCHES, SEARCHES.ID.eq(search.id()))) {
                    throw new IllegalStateException("search " + search.id() + " must be saved (SearchRepository.save) before it is counted");
                }
                return null; // counted before
            }
            if (!search.answeredFromAnother()) { // else the stores were asked for the other search, which counts them
                addToStoreDays(search);
            }
            return null;
        });
    }

    private void addToStoreDays(SearchSnapshot search) {
        LocalDate day = LocalDate.ofInstant(search.createdAt(), ZoneOffset.UTC);
        TreeMap<String, VendorOutcome> outcomes = new TreeMap<>(); // store order: one lock order for concurrent saves
        TreeMap<String, String> names = new TreeMap<>();
        for (VendorOutcome o : search.outcomes()) {
            if (o.countsForStore()) {
                outcomes.put(o.vendorId(), o);
                names.put(o.vendorId(), o.vendorName());
            }
        }
        if (outcomes.isEmpty()) {
            return;
        }
        VendorRows.upsert(dsl, names);

        InsertValuesStep7<VendorPerformanceRecord, String, LocalDate, Integer, Integer, BigDecimal, BigDecimal, Integer> insert =
                dsl.insertInto(VENDOR_PERFORMANCE, VENDOR_PERFORMANCE.VENDOR_ID, VENDOR_PERFORMANCE.DATE,
                        VENDOR_PERFORMANCE.TOTAL_SEARCHES, VENDOR_PERFORMANCE.TOTAL_PRODUCTS,
                        VENDOR_PERFORMANCE.AVG_DURATION_SECONDS, VENDOR_PERFORMANCE.SUCCESS_RATE, VENDOR_PERFORMANCE.ERROR_COUNT);
        for (VendorOutcome o : outcomes.values()) {
            // a day's first search: exactly StorePerformance.empty(...).plus(o)
            StorePerformance first = StorePerformance.empty(o.vendorId(), day).plus(o);
            insert.values(o.vendorId(), day, first.totalSearches(), first.totalProducts(), first.avgDurationSeconds(),
                    first.successRate(), first.errorCount());
        }
        // a later one: StorePerformance.plus in SQL, one search (excluded.total_searches = 1) per store and row
        Field<Integer> searches = VENDOR_PERFORMANCE.TOTAL_SEARCHES.plus(inline(1));
        Field<Integer> errors = VENDOR_PERFORMANCE.ERROR_COUNT.plus(excluded(VENDOR_PERFORMANCE.ERROR_COUNT));
        insert.onConflict(VENDOR_PERFORMANCE.VENDOR_ID, VENDOR_PERFORMANCE.DATE)
                .doUpdate()
                .set(VENDOR_PERFORMANCE.TOTAL_SEARCHES, searches)
                .set(VENDOR_PERFORMANCE.TOTAL_PRODUCTS, VENDOR_PERFORMANCE.TOTAL_PRODUCTS.plus(excluded(VENDOR_PERFORMANCE.TOTAL_PRODUCTS)))
                .set(VENDOR_PERFORMANCE.AVG_DURATION_SECONDS, round(
                        VENDOR_PERFORMANCE.AVG_DURATION_SECONDS.times(VENDOR_PERFORMANCE.TOTAL_SEARCHES)
                                .plus(excluded(VENDOR_PERFORMANCE.AVG_DURATION_SECONDS))
                                .div(searches.cast(SQLDataType.NUMERIC)), 3))
                .set(VENDOR_PERFORMANCE.SUCCESS_RATE, round(
                        searches.minus(errors).cast(SQLDataType.NUMERIC).div(searches.cast(SQLDataType.NUMERIC)), 2))
                .set(VENDOR_PERFORMANCE.ERROR_COUNT, errors)
                .set(VENDOR_PERFORMANCE.UPDATED_AT, currentInstant())
                .execute();
    }

    @Override
    public List<PopularSearch> popularSearches(Instant since, int limit) {
        Field<Integer> times = count().as("times");
        Field<Instant> last = max(SEARCHES.CREATED_AT).as("last_searched_at");
        return dsl.select(SEARCHES.QUERY_NORMALIZED, times, last)
                .from(SEARCHES)
                .where(SEARCHES.CREATED_AT.ge(since), SEARCHES.ANALYTICS_RECORDED_AT.isNotNull())
                .groupBy(SEARCHES.QUERY_NORMALIZED)
                .orderBy(times.desc(), last.desc(), SEARCHES.QUERY_NORMALIZED.collate(BYTEWISE))
                .limit(limit)
                .fetch(mapping((query, count, at) -> new PopularSearch(query, count, at)));
    }

    @Override
    public List<StorePerformance> storePerformance(Optional<String> vendorId, LocalDate from) {
        Condition store = vendorId.map(VENDOR_PERFORMANCE.VENDOR_ID::eq).orElse(noCondition());
        return dsl.select(VENDOR_PERFORMANCE.VENDOR_ID, VENDOR_PERFORMANCE.DATE, VENDOR_PERFORMANCE.TOTAL_SEARCHES,
                        VENDOR_PERFORMANCE.TOTAL_PRODUCTS, VENDOR_PERFORMANCE.AVG_DURATION_SECONDS,
                        VENDOR_PERFORMANCE.SUCCESS_RATE, VENDOR_PERFORMANCE.ERROR_COUNT)
                .from(VENDOR_PERFORMANCE)
                .where(VENDOR_PERFORMANCE.DATE.ge(from), store)
                .orderBy(VENDOR_PERFORMANCE.DATE, VENDOR_PERFORMANCE.VENDOR_ID.collate(BYTEWISE))
                .fetch(mapping(StorePerformance::new));
    }
}
