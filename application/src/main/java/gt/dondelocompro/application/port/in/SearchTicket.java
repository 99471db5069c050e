package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.SearchStatus;

import java.time.Duration;
import java.util.UUID;

/**
 * The answer to starting a search: its id, where it stands, and how it is answered. From the cache, {@code cached}
 * and {@code cacheAge}, how old the reused answer is (null otherwise); a stale one also names
 * {@code refreshSearchId}, the search asking the stores again meanwhile; a search that follows an identical one
 * still running names it in {@code joinedFrom}.
 */
public record SearchTicket(UUID searchId, SearchStatus status, boolean cached, Duration cacheAge, UUID refreshSearchId,
                           UUID joinedFrom) {

    public static SearchTicket started(UUID searchId) {
        return new SearchTicket(searchId, SearchStatus.INITIATED, false, null, null, null);
    }

    public static SearchTicket fromCache(UUID searchId, Duration age) {
        return new SearchTicket(searchId, SearchStatus.COMPLETED, true, age, null, null);
    }

    /** Answered from a cached search older than the cache's age, while {@code refreshSearchId} asks the stores. */
    public static SearchTicket stale(UUID searchId, Duration age, UUID refreshSearchId) {
        return new SearchTicket(searchId, SearchStatus.COMPLETED, true, age, refreshSearchId, null);
    }

    /** Following {@code source}, an identical search still running; {@code status} is the follower's now. */
    public static SearchTicket joined(UUID searchId, SearchStatus status, UUID source) {
        return new SearchTicket(searchId, status, false, null, null, source);
    }

    /** Whether the answer is a stale one, refreshed by {@link #refreshSearchId()}. */
    public boolean stale() {
        return refreshSearchId != null;
    }
}
