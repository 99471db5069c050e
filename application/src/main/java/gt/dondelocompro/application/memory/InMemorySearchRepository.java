package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.UnsaveableDataException;
import gt.dondelocompro.domain.OfferLimits;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.StorableText;
import gt.dondelocompro.domain.StoreAttempt;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Searches kept in memory: the header of a running one, then the finished search that replaces it. The oldest are evicted beyond {@code maxSearches} or once saved longer than
 * {@code maxAge} ago, so a long-running process does not grow without bound. Completed searches are indexed by
 * query, so the cache lookup does not grow with the number kept.
 */
public final class InMemorySearchRepository implements SearchRepository {

    private record Saved(SearchSnapshot search, Instant savedAt) {
    }

    /** What the cache looks up by: a normalized query and a size. */
    private record CacheKey(String normalizedQuery, int maxResults) {
        static CacheKey of(SearchSnapshot s) {
            return new CacheKey(s.query().normalized(), s.maxResults());
        }
    }

    private static final Comparator<SearchSnapshot> BY_COMPLETION =
            Comparator.comparing(SearchSnapshot::completedAt).thenComparing(SearchSnapshot::id);

    private final Map<UUID, Saved> searches = new LinkedHashMap<>();
    /** The completed searches that asked the stores, per query, by completion: the cache lookup reads one entry. */
    private final Map<CacheKey, TreeSet<SearchSnapshot>> completed = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final int maxSearches;
    private final Duration maxAge;
    private final Clock clock;

    public InMemorySearchRepository(int maxSearches, Duration maxAge, Clock clock) {
        if (maxSearches < 1) {
            throw new IllegalArgumentException("maxSearches must be positive");
        }
        this.maxSearches = maxSearches;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Keeps up to 10,000 searches for up to a day. */
    public InMemorySearchRepository() {
        this(10_000, Duration.ofDays(1), Clock.systemUTC());
    }

    @Override
    public void save(SearchSnapshot search, Map<ProductKey, Long> productIds) {
        if (!search.isFinished()) {
            throw new IllegalArgumentException("only finished searches are saved, " + search.id() + " is " + search.status().wireName());
        }
        refuseWhatTheDatabaseWould(search);
        lock.writeLock().lock();
        try {
            Saved before = searches.get(search.id());
            if (before == null || before.search().status() == SearchStatus.RUNNING) {
                searches.remove(search.id()); // re-inserted last: insertion order stays age order for eviction
                searches.put(search.id(), new Saved(search, clock.instant()));
                if (search.status() == SearchStatus.COMPLETED && !search.answeredFromAnother()) {
                    completed.computeIfAbsent(CacheKey.of(search), k -> new TreeSet<>(BY_COMPLETION)).add(search);
                }
            }
            evict();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void saveStarted(SearchSnapshot search) {
        if (search.isFinished()) {
            throw new IllegalArgumentException("search " + search.id() + " is " + search.status().wireName() + ", not started");
        }
        SearchSnapshot header = new SearchSnapshot(search.id(), search.query(), search.maxResults(), SearchStatus.RUNNING,
                search.createdAt(), search.startedAt() == null ? search.createdAt() : search.startedAt(), null, null, null, List.of());
        lock.writeLock().lock();
        try {
            searches.putIfAbsent(search.id(), new Saved(header, clock.instant()));
            evict();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int markInterrupted(Instant createdBefore, Instant at) {
        lock.writeLock().lock();
        try {
            int marked = 0;
            for (Map.Entry<UUID, Saved> e : searches.entrySet()) {
                SearchSnapshot s = e.getValue().search();
                if (s.status() == SearchStatus.RUNNING && s.createdAt().isBefore(createdBefore)) {
                    e.setValue(new Saved(s.interrupted(at), e.getValue().savedAt()));
                    marked++;
                }
            }
            return marked;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Text PostgreSQL refuses (a NUL) or cannot keep as it is (a lone surrogate), and store ids too long for their column. */
    private static void refuseWhatTheDatabaseWould(SearchSnapshot search) {
        List<String> texts = new java.util.ArrayList<>(List.of(search.query().original()));
        if (search.errorMessage() != null) {
            texts.add(search.errorMessage());
        }
        for (RecordedEvent e : search.events()) {
            switch (e.event()) {
                case SearchEvent.Started s -> texts.addAll(s.vendors());
                case SearchEvent.VendorStarted s -> texts.addAll(java.util.Arrays.asList(s.vendorId(), s.vendorName()));
                case SearchEvent.ProductFound f -> texts.add(f.vendorId());
                case SearchEvent.VendorCompleted c -> texts.add(c.vendorId());
                case SearchEvent.VendorError err -> texts.addAll(java.util.Arrays.asList(err.vendorId(), err.error()));
                case SearchEvent.Completed c -> { }
                case SearchEvent.Error err -> texts.add(err.error());
            }
            if (e.event() instanceof SearchEvent.ProductFound f && !OfferLimits.problems(f.product()).isEmpty()) {
                throw new UnsaveableDataException("search " + search.id() + ": " + OfferLimits.problems(f.product()).getFirst());
            }
        }
        for (String text : texts) {
            StorableText.problem(text).ifPresent(p -> {
                throw new UnsaveableDataException("search " + search.id() + ": a text " + p);
            });
        }
    }

    private void evict() {
        Instant oldest = clock.instant().minus(maxAge);
        var it = searches.values().iterator();
        while (it.hasNext()) {
            Saved next = it.next();
            if (searches.size() > maxSearches || next.savedAt().isBefore(oldest)) {
                it.remove();
                unindex(next.search());
            } else {
                break; // insertion order is age order
            }
        }
    }

    private void unindex(SearchSnapshot search) {
        TreeSet<SearchSnapshot> sameQuery = completed.get(CacheKey.of(search));
        if (sameQuery != null && sameQuery.remove(search) && sameQuery.isEmpty()) {
            completed.remove(CacheKey.of(search));
        }
    }

    @Override
    public boolean exists(UUID searchId) {
        return findById(searchId).filter(SearchSnapshot::isFinished).isPresent();
    }

    @Override
    public Optional<SearchSnapshot> findById(UUID searchId) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(searches.get(searchId)).map(Saved::search);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<SearchSnapshot> findLatestCompleted(String normalizedQuery, int maxResults, Instant notBefore) {
        lock.readLock().lock();
        try {
            TreeSet<SearchSnapshot> sameQuery = completed.get(new CacheKey(normalizedQuery, maxResults));
            return sameQuery == null || sameQuery.isEmpty() || sameQuery.last().completedAt().isBefore(notBefore)
                    ? Optional.empty() : Optional.of(sameQuery.last());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<StoreAttempt> storeAttemptsSince(Instant since, int perStore) {
        List<StoreAttempt> attempts = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Saved saved : searches.values()) {
                if (!saved.search().isFinished() || saved.search().answeredFromAnother()) {
                    continue;
                }
                for (RecordedEvent e : saved.search().events()) {
                    if (e.at().isBefore(since)) {
                        continue;
                    }
                    switch (e.event()) {
                        case SearchEvent.VendorCompleted c -> attempts.add(StoreAttempt.succeeded(c.vendorId(), e.at()));
                        case SearchEvent.VendorError f -> attempts.add(StoreAttempt.failed(f.vendorId(), e.at(), f.kind(), f.error()));
                        default -> {
                        }
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        attempts.sort(Comparator.comparing(StoreAttempt::at));
        Map<String, Integer> left = new java.util.HashMap<>();
        List<StoreAttempt> latest = new ArrayList<>();
        for (StoreAttempt a : attempts.reversed()) {
            if (left.merge(a.vendorId(), 1, Integer::sum) <= perStore) {
                latest.addFirst(a);
            }
        }
        return latest;
    }

    /** How many searches are held now. */
    public int size() {
        lock.readLock().lock();
        try {
            return searches.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
