package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StoreAttempt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Searches: the header of each as it starts (so that a crash leaves a trace), then the finished search with
 * its results (by product id) and event log.
 */
public interface SearchRepository {

    /**
     * Saves a finished search; {@code productIds} maps each offer's {@link ProductKey} to the id the product
     * repository gave it. It replaces the header written by {@link #saveStarted}; saving a search that is
     * already saved finished changes nothing.
     */
    void save(SearchSnapshot search, Map<ProductKey, Long> productIds);

    /**
     * Writes the header of a search that has just started, as {@code running} with no events; does nothing
     * when the search is already there (saved finished before this arrived, or written twice).
     */
    void saveStarted(SearchSnapshot search);

    /**
     * Marks every search still {@code running} that was created before {@code createdBefore} as
     * {@link gt.dondelocompro.domain.SearchStatus#INTERRUPTED interrupted} at {@code at}, its log the one error
     * event of {@link SearchSnapshot#interrupted}: run at start-up, when nothing this process runs can be among
     * them. Returns how many were marked.
     */
    int markInterrupted(Instant createdBefore, Instant at);

    /** Whether this search is saved finished; the header of a running one does not count. */
    boolean exists(UUID searchId);

    Optional<SearchSnapshot> findById(UUID searchId);

    /**
     * The latest completed, non-cached search of this normalized query and max_results that completed at or
     * after {@code notBefore}: the cache lookup.
     */
    Optional<SearchSnapshot> findLatestCompleted(String normalizedQuery, int maxResults, Instant notBefore);

    /**
     * Every store's answer ({@code vendor_completed} or {@code vendor_error}) in the saved finished searches that asked
     * the stores (not those answered from the cache), at or after {@code since}: the latest {@code perStore} of each
     * store, oldest first. What store health starts from after a restart.
     */
    List<StoreAttempt> storeAttemptsSince(Instant since, int perStore);
}
