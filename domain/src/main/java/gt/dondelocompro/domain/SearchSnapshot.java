package gt.dondelocompro.domain;

import gt.dondelocompro.domain.identity.OfferGroups;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable copy of a {@link Search} at one moment: what is saved, read back and shown. The event log is
 * the record of what happened; offers and per-store outcomes are read from it, so they can never disagree.
 * {@code cachedFrom} is null unless the search was answered from another one (cached, stale or joined). A {@code completed} event read from a
 * log saved before groups were kept gets the groups of the offers logged before it, so every snapshot has them.
 */
public record SearchSnapshot(
        UUID id,
        SearchQuery query,
        int maxResults,
        SearchStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        String errorMessage,
        CacheOrigin cachedFrom,
        List<RecordedEvent> events) {

    public SearchSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        events = withGroups(List.copyOf(events));
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).sequence() != i + 1) {
                throw new IllegalArgumentException("event log of search " + id + " has a gap at " + (i + 1));
            }
        }
        if (status.isFinished() && completedAt == null) {
            throw new IllegalArgumentException("a finished search needs completedAt");
        }
    }

    private static List<RecordedEvent> withGroups(List<RecordedEvent> events) {
        if (events.isEmpty() || !(events.getLast().event() instanceof SearchEvent.Completed c) || c.groups() != null) {
            return events;
        }
        List<Offer> offers = offersIn(events);
        List<RecordedEvent> filled = new ArrayList<>(events);
        RecordedEvent last = events.getLast();
        filled.set(filled.size() - 1, new RecordedEvent(last.sequence(), last.at(), new SearchEvent.Completed(
                c.totalResults(), c.duration(), c.cheapest(), ComparisonGroup.of(OfferGroups.of(offers), offers))));
        return List.copyOf(filled);
    }

    /**
     * The {@code completed} event of a search that found these offers: their groups, and as its cheapest the
     * cheapest candidate offer of the most relevant group that has one ({@link OfferGroups}), so an accessory
     * or another model cannot be named the cheapest of the product asked for.
     */
    static SearchEvent.Completed completedEvent(List<Offer> offers, Duration took) {
        OfferGroups grouped = OfferGroups.of(offers);
        Offer cheapest = grouped.cheapest() == null ? null : offers.get(grouped.cheapest());
        return new SearchEvent.Completed(offers.size(), took, cheapest, ComparisonGroup.of(grouped, offers));
    }

    /** Why an interrupted search ended, as its error and its one event say. */
    public static final String INTERRUPTED_MESSAGE = "the service stopped before this search finished; search again";

    /**
     * This search (started, not finished) as found after a crash: interrupted at {@code at}, with no result and
     * one {@code error} event, so that a stream of it ends as a failed search's does.
     */
    public SearchSnapshot interrupted(Instant at) {
        if (isFinished()) {
            throw new IllegalStateException("search " + id + " is " + status.wireName() + ", it cannot be interrupted");
        }
        return new SearchSnapshot(id, query, maxResults, SearchStatus.INTERRUPTED, createdAt, startedAt, at,
                INTERRUPTED_MESSAGE, cachedFrom, List.of(new RecordedEvent(1, at, new SearchEvent.Error(INTERRUPTED_MESSAGE))));
    }

    /** Answered from a completed search (fresh or stale), not by asking the stores. */
    public boolean cached() {
        return cachedFrom != null && !cachedFrom.joined();
    }

    /** Answered from another search (cached, stale or joined): the stores were not asked for it. */
    public boolean answeredFromAnother() {
        return cachedFrom != null;
    }

    /** A stale cached answer: older than the cache's age, with a refresh running. */
    public boolean stale() {
        return cachedFrom != null && cachedFrom.stale();
    }

    /** The identical search this one followed while it ran, or null. */
    public UUID joinedFrom() {
        return cachedFrom != null && cachedFrom.joined() ? cachedFrom.searchId() : null;
    }

    public boolean isFinished() {
        return status.isFinished();
    }

    /** From start to completion as the {@code completed} event reports it (a cached answer: its source's); empty while running. */
    public Optional<Duration> duration() {
        if (completedAt == null) {
            return Optional.empty();
        }
        if (!events.isEmpty() && events.getLast().event() instanceof SearchEvent.Completed completed) {
            return Optional.of(completed.duration());
        }
        return Optional.of(Duration.between(startedAt == null ? createdAt : startedAt, completedAt));
    }

    /** Every offer found, in the order the stores answered (the result position). */
    public List<Offer> offers() {
        return offersIn(events);
    }

    private static List<Offer> offersIn(List<RecordedEvent> events) {
        List<Offer> offers = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (e.event() instanceof SearchEvent.ProductFound found) {
                offers.add(found.product());
            }
        }
        return List.copyOf(offers);
    }

    /**
     * This search without the offers at the given positions (0-based, as in {@link #offers()}): their
     * {@code product_found} events are left out and the log renumbered from 1; the {@code completed} event
     * counts the offers kept, groups them again and names the cheapest of them. What each store reported finding is unchanged.
     * For saving what can be saved of a search whose other offers the store of record cannot hold.
     */
    public SearchSnapshot withoutOffersAt(Set<Integer> positions) {
        if (positions.isEmpty()) {
            return this;
        }
        List<RecordedEvent> kept = new ArrayList<>();
        List<Offer> keptOffers = new ArrayList<>();
        int offer = 0;
        for (RecordedEvent e : events) {
            SearchEvent event = e.event();
            if (event instanceof SearchEvent.ProductFound found) {
                if (positions.contains(offer++)) {
                    continue;
                }
                keptOffers.add(found.product());
            }
            kept.add(new RecordedEvent(kept.size() + 1, e.at(), event));
        }
        for (int i = 0; i < kept.size(); i++) {
            RecordedEvent e = kept.get(i);
            if (e.event() instanceof SearchEvent.Completed c) {
                kept.set(i, new RecordedEvent(e.sequence(), e.at(), completedEvent(keptOffers, c.duration())));
            }
        }
        return new SearchSnapshot(id, query, maxResults, status, createdAt, startedAt, completedAt, errorMessage, cachedFrom, kept);
    }

    /** One outcome per store asked, in the order they were asked. */
    public List<VendorOutcome> outcomes() {
        Map<String, VendorOutcome> outcomes = new LinkedHashMap<>();
        for (RecordedEvent e : events) {
            switch (e.event()) {
                case SearchEvent.VendorStarted s -> outcomes.put(s.vendorId(), VendorOutcome.pending(s.vendorId(), s.vendorName()));
                case SearchEvent.VendorCompleted c -> outcomes.computeIfPresent(c.vendorId(),
                        (id, o) -> VendorOutcome.completed(id, o.vendorName(), c.productsFound(), c.duration()));
                case SearchEvent.VendorError err -> outcomes.computeIfPresent(err.vendorId(),
                        (id, o) -> VendorOutcome.failed(id, o.vendorName(), err.kind(), err.error(),
                                err.duration() != null ? err.duration() : errorDuration(id)));
                default -> { }
            }
        }
        return List.copyOf(outcomes.values());
    }

    /** For logs saved before {@code vendor_error} carried its duration: from the store's start to its failure. */
    private Duration errorDuration(String vendorId) {
        Instant started = null;
        Instant failed = null;
        for (RecordedEvent e : events) {
            if (e.event() instanceof SearchEvent.VendorStarted s && s.vendorId().equals(vendorId)) {
                started = e.at();
            } else if (e.event() instanceof SearchEvent.VendorError err && err.vendorId().equals(vendorId)) {
                failed = e.at();
            }
        }
        return started == null || failed == null ? Duration.ZERO : Duration.between(started, failed);
    }

    /**
     * The search's cheapest: as its {@code completed} event names it, or while it runs the cheapest offer not out of
     * stock with relevance ≥ 0.5 of the most relevant group that has one, if any.
     */
    public Optional<Offer> cheapest() {
        return Optional.ofNullable(comparison().cheapest());
    }

    /**
     * The search's offers grouped into products, their indexes into {@link #offers()}: as the {@code completed}
     * event announced them, or, while the search runs, the offers found so far grouped now.
     */
    public List<ComparisonGroup> groups() {
        return comparison().groups();
    }

    /**
     * {@link #groups()} and {@link #cheapest()} at once: the {@code completed} event, or while the search runs the
     * offers found so far grouped now (once, for a reader that needs both).
     */
    public SearchEvent.Completed comparison() {
        return completed().orElseGet(() -> completedEvent(offers(), null));
    }

    private Optional<SearchEvent.Completed> completed() {
        return !events.isEmpty() && events.getLast().event() instanceof SearchEvent.Completed c ? Optional.of(c) : Optional.empty();
    }

    public int totalResults() {
        return (int) events.stream().filter(e -> e.event() instanceof SearchEvent.ProductFound).count();
    }

    /** Events after {@code sequence} (0 for all), in order. */
    public List<RecordedEvent> eventsAfter(long sequence) {
        return events.subList((int) Math.min(Math.max(sequence, 0), events.size()), events.size());
    }

    /** Seconds between start and completion with millisecond precision, as the HTTP contract shows it. */
    public Optional<BigDecimal> durationSeconds() {
        return duration().map(d -> BigDecimal.valueOf(d.toMillis(), 3));
    }
}
