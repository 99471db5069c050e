package gt.dondelocompro.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * How a store has been answering, for operators: its last success and last failure (null when none is known),
 * the share of its searches of the last 24 h it answered (null when it was not asked in that time) and whether
 * it failed each of its last {@link #FAILING_AFTER} searches.
 */
public record StoreHealth(Instant lastSuccessAt, LastFailure lastFailure, Double successRate24h, boolean failing) {

    /** Failed searches in a row after which a store counts as failing. */
    public static final int FAILING_AFTER = 3;

    /** Nothing known: a store not asked since the service started (and not recorded). */
    public static final StoreHealth UNKNOWN = new StoreHealth(null, null, null, false);

    /** A store's latest failure. */
    public record LastFailure(Instant at, FailureKind kind, String error) {
        public LastFailure {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(error, "error");
        }
    }

    public StoreHealth {
        if (successRate24h != null && (successRate24h < 0 || successRate24h > 1)) {
            throw new IllegalArgumentException("a success rate is between 0 and 1, was " + successRate24h);
        }
    }
}
