package gt.dondelocompro.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the answer of a search that did not ask the stores itself came from: the earlier search and when it
 * completed. A cached answer reuses a completed search; a stale one (older than the cache's age, younger than its
 * stale limit) also names {@code refreshSearchId}, the search asking the stores again meanwhile; a joined one
 * follows an identical search still running, so its {@code completedAt} is null until that search finishes.
 */
public record CacheOrigin(UUID searchId, Instant completedAt, boolean joined, UUID refreshSearchId) {

    public CacheOrigin {
        Objects.requireNonNull(searchId, "searchId");
        if (!joined) {
            Objects.requireNonNull(completedAt, "completedAt");
        } else if (refreshSearchId != null) {
            throw new IllegalArgumentException("a joined search follows a running one; it has no refresh");
        }
    }

    /** A cached answer from this completed search. */
    public CacheOrigin(UUID searchId, Instant completedAt) {
        this(searchId, completedAt, false, null);
    }

    /** A stale answer from this completed search, while {@code refreshSearchId} asks the stores again. */
    public static CacheOrigin stale(UUID searchId, Instant completedAt, UUID refreshSearchId) {
        return new CacheOrigin(searchId, completedAt, false, Objects.requireNonNull(refreshSearchId, "refreshSearchId"));
    }

    /** Following this running search; {@code completedAt} null until it finishes. */
    public static CacheOrigin joined(UUID searchId, Instant completedAt) {
        return new CacheOrigin(searchId, completedAt, true, null);
    }

    /** Whether this is a stale answer, with a refresh running. */
    public boolean stale() {
        return refreshSearchId != null;
    }
}
