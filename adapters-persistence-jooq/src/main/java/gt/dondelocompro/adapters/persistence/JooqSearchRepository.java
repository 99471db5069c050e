package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.db.jooq.tables.records.SearchEventsRecord;
import gt.dondelocompro.db.jooq.tables.records.SearchResultsRecord;
import gt.dondelocompro.db.jooq.tables.records.SearchesRecord;
import gt.dondelocompro.domain.CacheOrigin;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;
import gt.dondelocompro.domain.StoreAttempt;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.InsertValuesStep6;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.SEARCHES;
import static gt.dondelocompro.db.jooq.Tables.SEARCH_EVENTS;
import static gt.dondelocompro.db.jooq.Tables.SEARCH_RESULTS;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;

/**
 * Searches on PostgreSQL: a header row (written {@code running} as the search starts, replaced when it is saved
 * finished), one result row per offer and the event log as jsonb. The log is what reads back: offers and store
 * outcomes are derived from it, exactly as in memory. Saving is three statements (header, results, events), the
 * header upsert deciding whether the search is new: it inserts, or replaces a header still {@code running}, and
 * leaves a search saved finished alone.
 */
public final class JooqSearchRepository implements SearchRepository {

    private final DSLContext dsl;
    private final JooqTransactions transactions;

    JooqSearchRepository(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    @Override
    public void save(SearchSnapshot search, Map<ProductKey, Long> productIds) {
        if (!search.isFinished()) {
            throw new IllegalArgumentException("only finished searches are saved, " + search.id() + " is " + search.status().wireName());
        }
        transactions.inTransaction(() -> {
            if (insertHeader(search) == 0) {
                return null; // saved before: the rows that came with it are there too
            }
            insertResults(search, productIds);
            insertEvents(search);
            return null;
        });
    }

    /** Not finished in storage: the header a finished save replaces. */
    private static final List<String> UNFINISHED = List.of(SearchStatus.INITIATED.wireName(), SearchStatus.RUNNING.wireName());

    private int insertHeader(SearchSnapshot s) {
        SearchesRecord header = header(s);
        return dsl.insertInto(SEARCHES)
                .set(header)
                .onConflict(SEARCHES.ID)
                .doUpdate()
                .set(header)
                .where(SEARCHES.STATUS.in(UNFINISHED.stream().map(DSL::inline).toList()))
                .execute();
    }

    @Override
    public void saveStarted(SearchSnapshot search) {
        if (search.isFinished()) {
            throw new IllegalArgumentException("search " + search.id() + " is " + search.status().wireName() + ", not started");
        }
        dsl.insertInto(SEARCHES)
                .set(SEARCHES.ID, search.id())
                .set(SEARCHES.QUERY, search.query().original())
                .set(SEARCHES.QUERY_NORMALIZED, search.query().normalized())
                .set(SEARCHES.MAX_RESULTS, search.maxResults())
                .set(SEARCHES.STATUS, SearchStatus.RUNNING.wireName())
                .set(SEARCHES.CREATED_AT, search.createdAt())
                .set(SEARCHES.STARTED_AT, search.startedAt() == null ? search.createdAt() : search.startedAt())
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public int markInterrupted(Instant createdBefore, Instant at) {
        return transactions.inTransaction(() -> {
            List<UUID> marked = dsl.update(SEARCHES)
                    .set(SEARCHES.STATUS, SearchStatus.INTERRUPTED.wireName())
                    .set(SEARCHES.COMPLETED_AT, at)
                    .set(SEARCHES.ERROR_MESSAGE, SearchSnapshot.INTERRUPTED_MESSAGE)
                    .where(SEARCHES.STATUS.eq(inline(SearchStatus.RUNNING.wireName())), SEARCHES.CREATED_AT.lt(createdBefore))
                    .returning(SEARCHES.ID)
                    .fetch(SEARCHES.ID);
            if (!marked.isEmpty()) {
                // the one event of SearchSnapshot.interrupted, so that a stream of the search ends with an error
                JSONB error = EventJson.write(new SearchEvent.Error(SearchSnapshot.INTERRUPTED_MESSAGE));
                InsertValuesStep6<SearchEventsRecord, UUID, Integer, String, String, JSONB, Instant> insert = dsl.insertInto(SEARCH_EVENTS,
                        SEARCH_EVENTS.SEARCH_ID, SEARCH_EVENTS.SEQUENCE, SEARCH_EVENTS.EVENT_TYPE, SEARCH_EVENTS.VENDOR_ID,
                        SEARCH_EVENTS.DATA, SEARCH_EVENTS.CREATED_AT);
                marked.forEach(id -> insert.values(id, 1, "error", null, error, at));
                insert.onConflictDoNothing().execute();
            }
            return marked.size();
        });
    }

    private SearchesRecord header(SearchSnapshot s) {
        CacheOrigin origin = s.cachedFrom();
        SearchesRecord r = dsl.newRecord(SEARCHES);
        r.setId(s.id());
        r.setQuery(s.query().original());
        r.setQueryNormalized(s.query().normalized());
        r.setMaxResults(s.maxResults());
        r.setStatus(s.status().wireName());
        r.setTotalProducts(s.totalResults());
        r.setTotalVendors(s.outcomes().size());
        r.setDurationSeconds(s.durationSeconds().orElse(null));
        r.setCached(s.answeredFromAnother());
        r.setCachedFromSearchId(origin == null ? null : origin.searchId());
        r.setCachedFromCompletedAt(origin == null ? null : origin.completedAt());
        r.setJoined(origin != null && origin.joined());
        r.setRefreshSearchId(origin == null ? null : origin.refreshSearchId());
        r.setCreatedAt(s.createdAt());
        r.setStartedAt(s.startedAt());
        r.setCompletedAt(s.completedAt());
        r.setErrorMessage(s.errorMessage());
        return r;
    }

    private void insertResults(SearchSnapshot search, Map<ProductKey, Long> productIds) {
        List<Offer> offers = search.offers();
        if (offers.isEmpty()) {
            return;
        }
        Map<ProductKey, Long> ids = withMissingIds(offers, productIds);
        InsertValuesStep4<SearchResultsRecord, UUID, Long, Integer, BigDecimal> insert = dsl.insertInto(SEARCH_RESULTS,
                SEARCH_RESULTS.SEARCH_ID, SEARCH_RESULTS.PRODUCT_ID, SEARCH_RESULTS.POSITION, SEARCH_RESULTS.RELEVANCE_SCORE);
        int position = 1;
        for (Offer offer : offers) {
            insert.values(search.id(), ids.get(ProductKey.of(offer)), position++, offer.relevance());
        }
        insert.execute();
    }

    /** The ids given, completed from the products table for offers the caller did not pass (one query). */
    private Map<ProductKey, Long> withMissingIds(List<Offer> offers, Map<ProductKey, Long> given) {
        Set<ProductKey> missing = new LinkedHashSet<>();
        for (Offer offer : offers) {
            ProductKey key = ProductKey.of(offer);
            if (given.get(key) == null) {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return given;
        }
        Map<ProductKey, Long> ids = new HashMap<>(given);
        dsl.select(PRODUCTS.ID, PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID)
                .from(PRODUCTS)
                .where(row(PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID)
                        .in(missing.stream().map(k -> row(k.vendorId(), k.vendorProductId())).toList()))
                .forEach(r -> ids.put(new ProductKey(r.get(PRODUCTS.VENDOR_ID), r.get(PRODUCTS.VENDOR_PRODUCT_ID)), r.get(PRODUCTS.ID)));
        missing.removeAll(ids.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the products of search results must be saved first (ProductRepository.saveOffers); missing " + missing);
        }
        return ids;
    }

    private void insertEvents(SearchSnapshot search) {
        if (search.events().isEmpty()) {
            return;
        }
        InsertValuesStep6<SearchEventsRecord, UUID, Integer, String, String, JSONB, Instant> insert = dsl.insertInto(SEARCH_EVENTS,
                SEARCH_EVENTS.SEARCH_ID, SEARCH_EVENTS.SEQUENCE, SEARCH_EVENTS.EVENT_TYPE, SEARCH_EVENTS.VENDOR_ID,
                SEARCH_EVENTS.DATA, SEARCH_EVENTS.CREATED_AT);
        for (RecordedEvent e : search.events()) {
            insert.values(search.id(), Math.toIntExact(e.sequence()), e.event().name(), vendorOf(e.event()),
                    EventJson.write(e.event()), e.at());
        }
        insert.execute();
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

    @Override
    public boolean exists(UUID searchId) {
        return dsl.fetchExists(SEARCHES, SEARCHES.ID.eq(searchId), SEARCHES.STATUS.notIn(UNFINISHED.stream().map(DSL::inline).toList()));
    }

    @Override
    public Optional<SearchSnapshot> findById(UUID searchId) {
        return dsl.selectFrom(SEARCHES).where(SEARCHES.ID.eq(searchId)).fetchOptional().map(this::withEvents);
    }

    @Override
    public Optional<SearchSnapshot> findLatestCompleted(String normalizedQuery, int maxResults, Instant notBefore) {
        // status and cached inline, not bound: the planner then matches the partial index idx_searches_cache
        return dsl.selectFrom(SEARCHES)
                .where(SEARCHES.QUERY_NORMALIZED.eq(normalizedQuery),
                        SEARCHES.MAX_RESULTS.eq(maxResults),
                        SEARCHES.STATUS.eq(inline(SearchStatus.COMPLETED.wireName())),
                        SEARCHES.CACHED.eq(inline(false)),
                        SEARCHES.COMPLETED_AT.ge(notBefore))
                .orderBy(SEARCHES.COMPLETED_AT.desc())
                .limit(1)
                .fetchOptional()
                .map(this::withEvents);
    }

    /**
     * The header row and its event log, as the domain snapshot. The normalized query is computed again
     * rather than read, so a row saved under older normalizing rules still reads.
     */
    private SearchSnapshot withEvents(SearchesRecord header) {
        List<RecordedEvent> events = dsl.select(SEARCH_EVENTS.SEQUENCE, SEARCH_EVENTS.CREATED_AT, SEARCH_EVENTS.EVENT_TYPE, SEARCH_EVENTS.DATA)
                .from(SEARCH_EVENTS)
                .where(SEARCH_EVENTS.SEARCH_ID.eq(header.getId()))
                .orderBy(SEARCH_EVENTS.SEQUENCE)
                .fetch(mapping((sequence, at, type, data) -> new RecordedEvent(sequence, at, EventJson.read(type, data))));
        CacheOrigin origin = header.getCached()
                ? new CacheOrigin(header.getCachedFromSearchId(), header.getCachedFromCompletedAt(), header.getJoined(),
                        header.getRefreshSearchId())
                : null;
        return new SearchSnapshot(header.getId(), new SearchQuery(header.getQuery(), SearchQuery.normalize(header.getQuery())),
                header.getMaxResults(), SearchStatus.fromWireName(header.getStatus()), header.getCreatedAt(),
                header.getStartedAt(), header.getCompletedAt(), header.getErrorMessage(), origin, events);
    }

    @Override
    public List<StoreAttempt> storeAttemptsSince(Instant since, int perStore) {
        // the latest perStore answers of each store, from the partial index of store answers (V5); inline literals,
        // so the planner can match that index's predicate
        Field<Integer> rank = rowNumber().over().partitionBy(SEARCH_EVENTS.VENDOR_ID)
                .orderBy(SEARCH_EVENTS.CREATED_AT.desc(), SEARCH_EVENTS.ID.desc()).as("rank");
        Table<?> answers = select(SEARCH_EVENTS.ID, SEARCH_EVENTS.CREATED_AT, SEARCH_EVENTS.EVENT_TYPE, SEARCH_EVENTS.DATA, rank)
                .from(SEARCH_EVENTS)
                .join(SEARCHES).on(SEARCHES.ID.eq(SEARCH_EVENTS.SEARCH_ID))
                .where(SEARCH_EVENTS.EVENT_TYPE.in(inline("vendor_completed"), inline("vendor_error")),
                        SEARCH_EVENTS.CREATED_AT.ge(since), SEARCHES.CACHED.isFalse())
                .asTable("answers");
        Field<Instant> at = answers.field(SEARCH_EVENTS.CREATED_AT);
        Field<String> type = answers.field(SEARCH_EVENTS.EVENT_TYPE);
        Field<JSONB> data = answers.field(SEARCH_EVENTS.DATA);
        List<StoreAttempt> attempts = new ArrayList<>();
        dsl.select(at, type, data)
                .from(answers)
                .where(answers.field(rank).le(perStore))
                .orderBy(at, answers.field(SEARCH_EVENTS.ID))
                .forEach(r -> {
                    switch (EventJson.read(r.value2(), r.value3())) {
                        case SearchEvent.VendorCompleted c -> attempts.add(StoreAttempt.succeeded(c.vendorId(), r.value1()));
                        case SearchEvent.VendorError e -> attempts.add(StoreAttempt.failed(e.vendorId(), r.value1(), e.kind(), e.error()));
                        default -> throw new IllegalStateException("not a store answer: " + r.value2());
                    }
                });
        return attempts;
    }
}
