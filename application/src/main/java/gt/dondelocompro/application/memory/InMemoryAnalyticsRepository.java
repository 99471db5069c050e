package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.domain.PopularSearch;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StorePerformance;
import gt.dondelocompro.domain.VendorOutcome;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Search counts and daily store performance in memory. Days are UTC dates, as in the database. Keeps the
 * latest {@code maxSearches} searched queries for popularity.
 */
public final class InMemoryAnalyticsRepository implements AnalyticsRepository {

    private record Searched(String query, Instant at) {
    }

    private final Deque<Searched> searched = new ArrayDeque<>();
    private final Set<UUID> counted = new HashSet<>();
    private final Deque<UUID> countedOrder = new ArrayDeque<>();
    private final Map<String, TreeMap<LocalDate, StorePerformance>> performance = new HashMap<>();
    private final int maxSearches;

    public InMemoryAnalyticsRepository(int maxSearches) {
        this.maxSearches = maxSearches;
    }

    public InMemoryAnalyticsRepository() {
        this(100_000);
    }

    @Override
    public synchronized void recordSearch(SearchSnapshot search) {
        if (!counted.add(search.id())) {
            return; // counting the same search twice would inflate everything
        }
        countedOrder.addLast(search.id());
        searched.addLast(new Searched(search.query().normalized(), search.createdAt()));
        while (searched.size() > maxSearches) {
            searched.removeFirst();
            counted.remove(countedOrder.removeFirst());
        }
        if (search.answeredFromAnother()) {
            return; // the stores were asked for the other search, which counts their answers
        }
        LocalDate day = LocalDate.ofInstant(search.createdAt(), ZoneOffset.UTC);
        for (VendorOutcome outcome : search.outcomes()) {
            if (!outcome.countsForStore()) {
                continue;
            }
            performance.computeIfAbsent(outcome.vendorId(), v -> new TreeMap<>())
                    .merge(day, StorePerformance.empty(outcome.vendorId(), day).plus(outcome), (old, ignored) -> old.plus(outcome));
        }
    }

    @Override
    public synchronized List<PopularSearch> popularSearches(Instant since, int limit) {
        Map<String, PopularSearch> byQuery = new HashMap<>();
        for (Searched s : searched) {
            if (s.at().isBefore(since)) {
                continue;
            }
            byQuery.merge(s.query(), new PopularSearch(s.query(), 1, s.at()), (a, b) ->
                    new PopularSearch(a.query(), a.count() + 1, a.lastSearchedAt().isAfter(b.lastSearchedAt()) ? a.lastSearchedAt() : b.lastSearchedAt()));
        }
        return byQuery.values().stream()
                .sorted(Comparator.comparingLong(PopularSearch::count).reversed()
                        .thenComparing(PopularSearch::lastSearchedAt, Comparator.reverseOrder())
                        .thenComparing(PopularSearch::query))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<StorePerformance> storePerformance(Optional<String> vendorId, LocalDate from) {
        List<StorePerformance> rows = new ArrayList<>();
        performance.forEach((vendor, days) -> {
            if (vendorId.isEmpty() || vendorId.get().equals(vendor)) {
                rows.addAll(days.tailMap(from, true).values());
            }
        });
        rows.sort(Comparator.comparing(StorePerformance::date).thenComparing(StorePerformance::vendorId));
        return rows;
    }
}
