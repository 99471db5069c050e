package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.Vendor;

/**
 * One online store, searched for a query. Implementations ({@code VtexStore}, {@code ShopifyStore} ...) never
 * throw for a store's own trouble: they return a {@link StoreResult.Failure} of the right kind. They must
 * answer an interrupt promptly, which is how a search's deadline stops them. The core asks through
 * {@link #search(StoreRequest)}; a store that queues its requests overrides it to use the request's deadline and
 * {@link StoreRequest#stillWanted()}.
 */
public interface Store {

    Vendor vendor();

    /** At most {@code maxResults} offers for the query, or a typed failure. */
    StoreResult search(SearchQuery query, int maxResults) throws InterruptedException;

    /**
     * At most {@code request.maxResults()} offers for the request's query, or a typed failure; by default
     * {@link #search(SearchQuery, int)}, which the interrupt at the deadline stops.
     */
    default StoreResult search(StoreRequest request) throws InterruptedException {
        return search(request.query(), request.maxResults());
    }
}
