package gt.dondelocompro.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One shopper's search and its life cycle: initiated → running → completed | failed. Every change appends
 * an event to the search's log, so the log can be replayed to anyone who arrives late. Illegal transitions
 * throw {@link IllegalStateException}. Not thread-safe: the application guards each search with a lock.
 */
public final class Search {

    public static final int DEFAULT_MAX_RESULTS = 10;
    public static final int MAX_RESULTS_LIMIT = 50;

    private final UUID id;
    private final SearchQuery query;
    private final int maxResults;
    private final Instant createdAt;
    private CacheOrigin cachedFrom;
    private final List<RecordedEvent> events = new ArrayList<>();
    private final Map<String, VendorOutcome.Status> vendors = new LinkedHashMap<>();
    private final Map<String, Instant> vendorStartedAt = new LinkedHashMap<>();
    private final Map<String, String> vendorNames = new LinkedHashMap<>();
    private SearchStatus status = SearchStatus.INITIATED;
    private Instant startedAt;
    private Instant completedAt;
    private String errorMessage;

    private Search(UUID id, SearchQuery query, int maxResults, Instant createdAt, CacheOrigin cachedFrom) {
        this.id = Objects.requireNonNull(id, "id");
        this.query = Objects.requireNonNull(query, "query");
        this.maxResults = checkMaxResults(maxResults);
        this.createdAt = truncate(Objects.requireNonNull(createdAt, "createdAt"));
        this.cachedFrom = cachedFrom;
    }

    public static Search initiate(UUID id, SearchQuery query, int maxResults, Instant now) {
        return new Search(id, query, maxResults, now, null);
    }

    /**
     * A new search answered from an earlier completed one: the source's log is replayed into a fresh one at
     * once, in the source's order and with each store's duration and the search's duration as they were, and
     * the search is completed and marked cached (its {@link CacheOrigin} says how old the answer is).
     */
    public static Search answeredFromCache(UUID id, SearchQuery query, SearchSnapshot source, Instant now) {
        return answeredFromCache(id, query, source, now, null);
    }

    /**
     * As {@link #answeredFromCache(UUID, SearchQuery, SearchSnapshot, Instant)}; with a {@code refreshSearchId}
     * the answer is stale, and that search is asking the stores again meanwhile.
     */
    public static Search answeredFromCache(UUID id, SearchQuery query, SearchSnapshot source, Instant now, UUID refreshSearchId) {
        if (source.status() != SearchStatus.COMPLETED) {
            throw new IllegalArgumentException("only a completed search can answer from the cache");
        }
        UUID origin = source.cachedFrom() == null ? source.id() : source.cachedFrom().searchId();
        Search search = new Search(id, query, source.maxResults(), now, refreshSearchId == null
                ? new CacheOrigin(origin, source.completedAt())
                : CacheOrigin.stale(origin, source.completedAt(), refreshSearchId));
        Map<String, VendorOutcome> outcomes = new LinkedHashMap<>();
        source.outcomes().forEach(o -> outcomes.put(o.vendorId(), o));
        for (RecordedEvent recorded : source.events()) {
            if (recorded.event() instanceof SearchEvent.Error) {
                throw new IllegalArgumentException("a completed search logged an error");
            }
            search.replay(recorded.event(), now, vendorId -> outcomes.get(vendorId).duration());
        }
        return search;
    }

    /**
     * A new search that follows {@code sourceId}, an identical search still running, instead of asking the stores:
     * each event of the source is applied to it with {@link #follow} as it happens there.
     */
    public static Search joining(UUID id, SearchQuery query, UUID sourceId, int maxResults, Instant now) {
        return new Search(id, query, maxResults, now, CacheOrigin.joined(sourceId, null));
    }

    /**
     * A search rebuilt from its event log (as another instance logged it), to be carried on where that log stopped:
     * each event applied in order, at the instant it was logged (a store's offers wait for its
     * {@code vendor_completed}, so those of a store that never completed are not in it). {@code cachedFrom} is its origin when known.
     */
    public static Search resumed(UUID id, SearchQuery query, int maxResults, Instant createdAt, CacheOrigin cachedFrom,
                                 List<RecordedEvent> log) {
        Search search = new Search(id, query, maxResults, createdAt, cachedFrom);
        for (RecordedEvent recorded : log) {
            search.replay(recorded.event(), recorded.at(), vendorId -> Duration.ZERO);
        }
        return search;
    }

    /**
     * Applies the next event of the search this one joined, at the instant it happened there: the two logs stay
     * the same, event for event. Its completion (or failure) is this search's, and completes its origin.
     */
    public void follow(RecordedEvent sourceEvent) {
        if (cachedFrom == null || !cachedFrom.joined()) {
            throw new IllegalStateException("search " + id + " follows no other search");
        }
        if (sourceEvent.sequence() != followed + 1) {
            throw new IllegalArgumentException("search " + id + " expected event " + (followed + 1) + " of "
                    + cachedFrom.searchId() + ", got " + sourceEvent.sequence());
        }
        replay(sourceEvent.event(), sourceEvent.at(), vendorId -> Duration.ZERO);
        followed++;
        if (isFinished()) {
            cachedFrom = CacheOrigin.joined(cachedFrom.searchId(), completedAt);
        }
    }

    /** How many events of the joined search were applied (a store's offers wait for its completion, so not the log's size). */
    private long followed;

    /** How many events of the search this one joined have been applied: the next to follow is the one after. */
    public long followed() {
        return followed;
    }

    /** Offers replayed from another search whose store's {@code vendor_completed} has not been replayed yet. */
    private Map<String, List<Offer>> replayedOffers;

    /**
     * One event of another search applied to this one. A store's offers wait for its {@code vendor_completed}
     * ({@link #vendorAnswered} logs them together); {@code errorDuration} gives a failed store's duration when
     * its event has none (logs saved before it carried one).
     */
    private void replay(SearchEvent event, Instant at, java.util.function.Function<String, Duration> errorDuration) {
        if (replayedOffers == null) {
            replayedOffers = new LinkedHashMap<>();
        }
        switch (event) {
            case SearchEvent.Started started -> start(started.vendors().stream().map(v -> Vendor.of(v, v)).toList(), at);
            case SearchEvent.VendorStarted started -> {
                vendorNames.put(started.vendorId(), started.vendorName());
                vendorStarted(started.vendorId(), at);
            }
            case SearchEvent.ProductFound product ->
                    replayedOffers.computeIfAbsent(product.vendorId(), v -> new ArrayList<>()).add(product.product());
            case SearchEvent.VendorCompleted completed -> vendorAnswered(completed.vendorId(),
                    Objects.requireNonNullElse(replayedOffers.remove(completed.vendorId()), List.of()), completed.duration(), at);
            case SearchEvent.VendorError error -> vendorFailed(error.vendorId(), error.kind(), error.error(),
                    error.duration() != null ? error.duration() : errorDuration.apply(error.vendorId()), at);
            case SearchEvent.Completed completed -> complete(at, completed);
            case SearchEvent.Error error -> fail(error.error(), at);
        }
    }

    public static int checkMaxResults(int maxResults) {
        if (maxResults < 1 || maxResults > MAX_RESULTS_LIMIT) {
            throw new InvalidValueException("max_results", "must be between 1 and " + MAX_RESULTS_LIMIT + ", was " + maxResults);
        }
        return maxResults;
    }

    public UUID id() {
        return id;
    }

    public SearchQuery query() {
        return query;
    }

    public int maxResults() {
        return maxResults;
    }

    public SearchStatus status() {
        return status;
    }

    public boolean isFinished() {
        return status.isFinished();
    }

    /** Whether this search was answered from another one (cached, stale or joined) instead of asking the stores. */
    public boolean answeredFromAnother() {
        return cachedFrom != null;
    }

    /** initiated → running: the stores are about to be asked. */
    public void start(List<Vendor> asked, Instant now) {
        requireStatus(SearchStatus.INITIATED, "start");
        status = SearchStatus.RUNNING;
        startedAt = truncate(now);
        for (Vendor v : asked) {
            if (vendors.putIfAbsent(v.id(), VendorOutcome.Status.PENDING) != null) {
                throw new IllegalArgumentException("store '" + v.id() + "' is listed twice");
            }
            vendorNames.put(v.id(), v.name());
        }
        append(new SearchEvent.Started(query.original(), maxResults, List.copyOf(vendors.keySet())), now);
    }

    public void vendorStarted(String vendorId, Instant now) {
        requireStatus(SearchStatus.RUNNING, "start a store");
        requirePending(vendorId);
        if (vendorStartedAt.putIfAbsent(vendorId, truncate(now)) != null) {
            throw new IllegalStateException("store '" + vendorId + "' already started in search " + id);
        }
        append(new SearchEvent.VendorStarted(vendorId, vendorNames.get(vendorId)), now);
    }

    /** A store answered: each offer is logged as found, then the store as completed. */
    public void vendorAnswered(String vendorId, List<Offer> offers, Duration took, Instant now) {
        requireStatus(SearchStatus.RUNNING, "record a store's answer");
        requireStarted(vendorId);
        for (Offer offer : offers) {
            if (!offer.vendorId().equals(vendorId)) {
                throw new IllegalArgumentException("offer of store '" + offer.vendorId() + "' reported by '" + vendorId + "'");
            }
            append(new SearchEvent.ProductFound(vendorId, offer), now);
        }
        vendors.put(vendorId, VendorOutcome.Status.COMPLETED);
        append(new SearchEvent.VendorCompleted(vendorId, offers.size(), truncate(took)), now);
    }

    public void vendorFailed(String vendorId, FailureKind kind, String error, Duration took, Instant now) {
        requireStatus(SearchStatus.RUNNING, "record a store's failure");
        requireStarted(vendorId);
        vendors.put(vendorId, VendorOutcome.Status.FAILED);
        append(new SearchEvent.VendorError(vendorId, Objects.requireNonNull(error, "error"), Objects.requireNonNull(kind, "kind"),
                truncate(took)), now);
    }

    /** Stores still waiting for an answer. */
    public List<String> pendingVendors() {
        return vendors.entrySet().stream().filter(e -> e.getValue() == VendorOutcome.Status.PENDING).map(Map.Entry::getKey).toList();
    }

    /** Whether this store was asked and has not answered yet. */
    public boolean isPending(String vendorId) {
        return vendors.get(vendorId) == VendorOutcome.Status.PENDING;
    }

    /** running → completed; every store must have answered or failed. */
    public void complete(Instant now) {
        complete(now, null);
    }

    /**
     * Completes with the source's duration, cheapest and groups when answering from the cache ({@code source}), or,
     * when null, the time since start and the offers grouped now.
     */
    private void complete(Instant now, SearchEvent.Completed source) {
        requireStatus(SearchStatus.RUNNING, "complete");
        List<String> pending = pendingVendors();
        if (!pending.isEmpty()) {
            throw new IllegalStateException("search " + id + " cannot complete while stores " + pending + " are pending");
        }
        status = SearchStatus.COMPLETED;
        completedAt = truncate(now);
        SearchSnapshot sofar = snapshot();
        SearchEvent.Completed completed = source != null
                ? new SearchEvent.Completed(sofar.totalResults(), truncate(source.duration()), source.cheapest(), source.groups())
                : SearchSnapshot.completedEvent(sofar.offers(), truncate(Duration.between(startedAt, completedAt)));
        append(completed, now);
    }

    /** initiated | running → failed, with a message a person can read. */
    public void fail(String message, Instant now) {
        if (status.isFinished()) {
            throw new IllegalStateException("search " + id + " is already " + status.wireName() + " and cannot fail");
        }
        status = SearchStatus.FAILED;
        completedAt = truncate(now);
        errorMessage = Objects.requireNonNull(message, "message");
        append(new SearchEvent.Error(message), now);
    }

    public List<RecordedEvent> events() {
        return List.copyOf(events);
    }

    /** The event with this 0-based index in the log. */
    public RecordedEvent eventAt(int index) {
        return events.get(index);
    }

    public int eventCount() {
        return events.size();
    }

    public SearchSnapshot snapshot() {
        return new SearchSnapshot(id, query, maxResults, status, createdAt, startedAt, completedAt, errorMessage,
                cachedFrom, events);
    }

    private void append(SearchEvent event, Instant now) {
        events.add(new RecordedEvent(events.size() + 1, truncate(now), event));
    }

    private void requireStatus(SearchStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + action + " search " + id + ": it is " + status.wireName()
                    + ", not " + expected.wireName());
        }
    }

    private void requirePending(String vendorId) {
        if (!vendors.containsKey(vendorId)) {
            throw new IllegalArgumentException("store '" + vendorId + "' was not asked in search " + id);
        }
        if (vendors.get(vendorId) != VendorOutcome.Status.PENDING) {
            throw new IllegalStateException("store '" + vendorId + "' already answered search " + id);
        }
    }

    private void requireStarted(String vendorId) {
        requirePending(vendorId);
        if (!vendorStartedAt.containsKey(vendorId)) {
            throw new IllegalStateException("store '" + vendorId + "' answered search " + id + " before it started");
        }
    }

    /** Storage keeps microseconds; truncating here makes a saved search read back equal. */
    private static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Duration truncate(Duration duration) {
        return duration == null ? Duration.ZERO : Duration.ofMillis(duration.toMillis());
    }
}
