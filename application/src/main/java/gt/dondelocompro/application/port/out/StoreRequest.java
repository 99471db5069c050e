package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.SearchQuery;

import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One store's part of one search: the query, how many offers, the instant after which the search can no longer
 * use the answer ({@code deadline}, null for none) and whether the answer is still wanted ({@link #stillWanted()}:
 * false once the search finished, counted this store as timed out, or was given up). A store with a queue in front
 * of it (a host's politeness gate) uses these to never send a request nobody will see, and to answer
 * {@link gt.dondelocompro.domain.FailureKind#BUSY} at once when its queue cannot be served before the deadline.
 */
public record StoreRequest(SearchQuery query, int maxResults, Instant deadline, BooleanSupplier wanted) {

    private static final BooleanSupplier ALWAYS = () -> true;

    public StoreRequest {
        Objects.requireNonNull(query, "query");
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, was " + maxResults);
        }
        wanted = wanted == null ? ALWAYS : wanted;
    }

    /** A request with no deadline that is always wanted: how a store is asked outside a search (tests, embedders). */
    public static StoreRequest of(SearchQuery query, int maxResults) {
        return new StoreRequest(query, maxResults, null, ALWAYS);
    }

    /** Whether the search can still use the answer; asked often, so it answers at once. */
    public boolean stillWanted() {
        return wanted.getAsBoolean();
    }
}
