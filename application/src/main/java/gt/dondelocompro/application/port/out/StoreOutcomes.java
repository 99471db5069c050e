package gt.dondelocompro.application.port.out;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Where the workers of many instances hand each store's outcome to the search it was asked for ({@link FetchTasks}
 * carries the other way): one list per search, in the order delivered, that the search's instance follows (and, if
 * that instance died, the one completing the search reads). The search's instance is the one writer of its event
 * log, so a worker never appends to it. A list is forgotten once nothing was delivered to it for the live retention.
 * Every method may throw {@link SharedStateUnavailableException}.
 */
public interface StoreOutcomes {

    /** Adds {@code outcome} to {@code searchId}'s list. */
    void deliver(UUID searchId, StoreOutcome outcome);

    /**
     * The outcomes delivered after the first {@code seen}, in order; when there are none yet, waits up to
     * {@code timeout} for the next; empty when none came in time (or the list is unknown or expired).
     */
    List<StoreOutcome> await(UUID searchId, int seen, Duration timeout) throws InterruptedException;
}
