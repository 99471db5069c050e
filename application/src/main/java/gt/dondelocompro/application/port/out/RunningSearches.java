package gt.dondelocompro.application.port.out;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry of running searches by query key (the normalized query and what else makes two searches the same),
 * so that an identical search can join a running one instead of asking the stores again. A claim expires after its
 * time to live, so that the search of an instance that died does not stay registered. One process keeps it in
 * memory; many instances share it. Every method may throw {@link SharedStateUnavailableException}.
 */
public interface RunningSearches {

    /**
     * Registers {@code searchId} as the running search of {@code queryKey} for {@code ttl}, unless another search
     * holds it: the id of the search that runs it, {@code searchId} itself when this claim won.
     */
    UUID claim(String queryKey, UUID searchId, Duration ttl);

    /** The running search of {@code queryKey}, if one holds it. */
    Optional<UUID> lookup(String queryKey);

    /** Ends {@code searchId}'s claim on {@code queryKey}; a claim another search holds now is left alone. */
    void release(String queryKey, UUID searchId);
}
