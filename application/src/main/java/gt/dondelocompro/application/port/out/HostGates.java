package gt.dondelocompro.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The politeness gates of the stores' hosts, held for every instance together: at most {@code maxConcurrency}
 * requests to a host at once, and at least {@code minDelay} between the starts of two of them. Each request holds
 * a lease that it releases when it ends, and that expires on its own after its lease time, so that a holder that
 * died does not keep its slot. Every method may throw {@link SharedStateUnavailableException}.
 */
public interface HostGates {

    /**
     * Waits for a slot of {@code host}: a lease once fewer than {@code maxConcurrency} leases are held and
     * {@code minDelay} has passed since the last one was given; empty when none could be had before
     * {@code deadline}. {@code leaseTime} must be longer than the request may take.
     */
    Optional<Lease> acquire(String host, int maxConcurrency, Duration minDelay, Duration leaseTime, Instant deadline)
            throws InterruptedException;

    /** A held slot; {@link #close()} gives it back (once; again does nothing). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
