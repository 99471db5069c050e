package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.SearchStatus;

import java.time.Duration;
import java.util.UUID;

/**
 * The answer to starting a search: its id, where it stands, and whether it was answered from the cache; then
 * {@code cacheAge} is how old the reused answer is (null otherwise).
 */
public record SearchTicket(UUID searchId, SearchStatus status, boolean cached, Duration cacheAge) {

    public static SearchTicket started(UUID searchId) {
        return new SearchTicket(searchId, SearchStatus.INITIATED, false, null);
    }

    public static SearchTicket fromCache(UUID searchId, Duration age) {
        return new SearchTicket(searchId, SearchStatus.COMPLETED, true, age);
    }
}
