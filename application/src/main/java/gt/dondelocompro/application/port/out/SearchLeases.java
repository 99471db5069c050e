package gt.dondelocompro.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who still runs each search, for many instances: the instance running a search holds its lease and renews it while
 * it runs; a lease not renewed in time (its holder died) is taken by one other instance, which completes the search
 * from its event log. One process needs none of this. Every method may throw {@link SharedStateUnavailableException}.
 */
public interface SearchLeases {

    /** Holds (or renews) the lease of {@code searchId} until {@code until}. */
    void hold(UUID searchId, Instant until);

    /** Whether someone holds the lease of {@code searchId} (run out or not, until it is taken or released). */
    boolean held(UUID searchId);

    /** Gives the lease up: the search ended. */
    void release(UUID searchId);

    /** The searches whose lease ran out before {@code now}, at most {@code max}; each is given to one caller only. */
    List<UUID> takeExpired(Instant now, int max);
}
