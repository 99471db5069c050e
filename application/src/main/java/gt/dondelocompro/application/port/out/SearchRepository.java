package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.SearchSnapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Finished searches: their header, results (by product id) and event log. */
public interface SearchRepository {

    /**
     * Saves a finished search; {@code productIds} maps each offer's {@link ProductKey} to the id the product
     * repository gave it. Saving a search that is already saved changes nothing.
     */
    void save(SearchSnapshot search, Map<ProductKey, Long> productIds);

    boolean exists(UUID searchId);

    Optional<SearchSnapshot> findById(UUID searchId);

    /**
     * The latest completed, non-cached search of this normalized query and max_results that completed at or
     * after {@code notBefore}: the cache lookup.
     */
    Optional<SearchSnapshot> findLatestCompleted(String normalizedQuery, int maxResults, Instant notBefore);
}
