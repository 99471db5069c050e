package gt.dondelocompro.application.service;

import java.time.Duration;

/**
 * The knobs of the search service: how long one store may take, the deadline of a whole search, how old a
 * cached answer may be, until what age an older one is still served (stale, while a refresh asks the stores; a
 * {@code cacheStaleAge} not above {@code cacheMaxAge} serves none), and how many finished searches stay in memory
 * and for how long.
 */
public record SearchSettings(Duration storeTimeout, Duration searchDeadline, Duration cacheMaxAge, Duration cacheStaleAge,
                             int liveSearchesKept, Duration liveRetention) {

    public SearchSettings {
        requirePositive(storeTimeout, "store timeout");
        requirePositive(searchDeadline, "search deadline");
        if (cacheMaxAge.isNegative()) {
            throw new IllegalArgumentException("cache max age must not be negative");
        }
        if (cacheStaleAge.isNegative()) {
            throw new IllegalArgumentException("cache stale age must not be negative");
        }
        if (liveSearchesKept < 1) {
            throw new IllegalArgumentException("live searches kept must be positive");
        }
        requirePositive(liveRetention, "live retention");
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    /** 10 s per store, 15 s per search, 30 min cache, stale up to 6 h, 1,000 finished searches kept in memory for an hour. */
    public static SearchSettings defaults() {
        return new SearchSettings(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMinutes(30), Duration.ofHours(6),
                1_000, Duration.ofHours(1));
    }

    public SearchSettings withStoreTimeout(Duration timeout) {
        return new SearchSettings(timeout, searchDeadline, cacheMaxAge, cacheStaleAge, liveSearchesKept, liveRetention);
    }

    public SearchSettings withSearchDeadline(Duration deadline) {
        return new SearchSettings(storeTimeout, deadline, cacheMaxAge, cacheStaleAge, liveSearchesKept, liveRetention);
    }

    public SearchSettings withCacheMaxAge(Duration maxAge) {
        return new SearchSettings(storeTimeout, searchDeadline, maxAge, cacheStaleAge, liveSearchesKept, liveRetention);
    }

    public SearchSettings withLiveSearchesKept(int kept, Duration retention) {
        return new SearchSettings(storeTimeout, searchDeadline, cacheMaxAge, cacheStaleAge, kept, retention);
    }

    public SearchSettings withCacheStaleAge(Duration staleAge) {
        return new SearchSettings(storeTimeout, searchDeadline, cacheMaxAge, staleAge, liveSearchesKept, liveRetention);
    }

    /** Whether an answer of this age is served stale: older than the cache's age, not older than the stale limit. */
    public boolean servesStale(Duration age) {
        return age.compareTo(cacheMaxAge) > 0 && age.compareTo(cacheStaleAge) <= 0;
    }
}
