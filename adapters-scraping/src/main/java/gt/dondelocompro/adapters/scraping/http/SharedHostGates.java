package gt.dondelocompro.adapters.scraping.http;

import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import gt.dondelocompro.domain.FailureKind;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link HostGates} held for every instance together: a request first takes its turn at this process's gate
 * ({@link InProcessHostGates}: its fair queue, its {@code BUSY} refusal, its pacing), then a lease of the host's
 * shared gate ({@link gt.dondelocompro.application.port.out.HostGates}, Redis with many instances) under the same
 * {@code max_concurrency} and {@code min_delay}, so that N instances together ask a store no harder than one. The
 * local turn is held while the lease is waited for, so the local gate's pace (the time from a turn to its end)
 * includes the wait for the other instances, and its {@code BUSY} estimate grows with their load too.
 *
 * <p>The lease's time is the store's timeout plus {@link #LEASE_MARGIN}: longer than one exchange may take, so a
 * live holder never loses it, and short enough that a holder that died frees its slot soon. A lease not had by the
 * request's deadline (the context's, else the store's timeout from arrival at the gate) leaves the request unsent,
 * {@code TIMEOUT}, as does its search no longer wanting it. When the shared gate cannot be reached (Redis down), the
 * request goes on under the local gate alone, as a lone instance would: Redis trouble is not an outage, and
 * {@code /health} already says {@code degraded}. After such a failure the shared gate is not asked again for
 * {@link #ALONE_FOR}, so that a Redis that hangs (rather than refuses) costs one command timeout, not one per request.
 */
final class SharedHostGates implements HostGates {

    /** How much longer than the store's timeout a lease lasts before it expires on its own. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /** How long requests go under the local gate alone after the shared gate could not be reached. */
    static final Duration ALONE_FOR = Duration.ofSeconds(1);
    /** At most one log line about the shared gate being unreachable per this long. */
    static final Duration LOG_EVERY = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(SharedHostGates.class.getName());

    private final Clock clock;
    private final HostGates local;
    private final gt.dondelocompro.application.port.out.HostGates shared;
    /** Until when ({@link System#nanoTime()}) the shared gate is not asked; none when not after now. */
    private volatile long aloneUntilNanos = System.nanoTime();
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong aloneSinceLog = new AtomicLong();

    SharedHostGates(Clock clock, HostGates local, gt.dondelocompro.application.port.out.HostGates shared) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.local = Objects.requireNonNull(local, "local");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public Turn await(String host, FetchOptions options, FetchContext context) throws FetchException, InterruptedException {
        String key = host.toLowerCase(Locale.ROOT);
        // as at the local gate: without a deadline, the request must start within the store's timeout of arriving
        Instant deadline = context.deadline() != null ? context.deadline() : clock.instant().plus(options.timeout());
        Turn turn = local.await(key, options, context);
        boolean handedOver = false;
        try {
            Optional<gt.dondelocompro.application.port.out.HostGates.Lease> lease = lease(key, options, context, deadline);
            handedOver = true;
            if (lease.isEmpty()) {
                return turn; // the shared gate cannot be reached: this instance's gate alone
            }
            gt.dondelocompro.application.port.out.HostGates.Lease held = lease.get();
            return () -> {
                try {
                    held.close();
                } catch (RuntimeException unreachable) {
                    // the lease expires on its own after its lease time
                } finally {
                    turn.close();
                }
            };
        } finally {
            if (!handedOver) {
                turn.close(); // refused, dropped or interrupted at the shared gate: the local slot is free again
            }
        }
    }

    /**
     * The shared lease, waited for in slices of {@link HostGate#WANTED_POLL_NANOS} so that a request its search no
     * longer wants leaves at once; empty when the shared gate cannot be reached.
     */
    private Optional<gt.dondelocompro.application.port.out.HostGates.Lease> lease(String host, FetchOptions options,
                                                                               FetchContext context, Instant deadline)
            throws FetchException, InterruptedException {
        if (System.nanoTime() - aloneUntilNanos < 0) {
            alone(host, null);
            return Optional.empty();
        }
        Duration leaseTime = options.timeout().plus(LEASE_MARGIN);
        Duration slice = Duration.ofNanos(HostGate.WANTED_POLL_NANOS);
        while (true) {
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new FetchException(FailureKind.TIMEOUT, "the request waited at " + host
                        + "'s shared politeness gate (held for all instances together: at most " + options.maxConcurrency()
                        + " at once, " + options.minDelay().toMillis() + " ms apart) until its deadline and was never sent");
            }
            if (!context.stillWanted()) {
                throw new FetchException(FailureKind.TIMEOUT, "the request left " + host
                        + "'s shared politeness gate unsent: its search no longer needs the answer");
            }
            Instant until = now.plus(slice).isBefore(deadline) ? now.plus(slice) : deadline;
            Optional<gt.dondelocompro.application.port.out.HostGates.Lease> lease;
            try {
                lease = shared.acquire(host, options.maxConcurrency(), options.minDelay(), leaseTime, until);
            } catch (SharedStateUnavailableException e) {
                if (Thread.interrupted()) {
                    // the Redis client reports an interrupted command as unavailable: it is the interrupt
                    throw new InterruptedException("interrupted while waiting at " + host + "'s shared politeness gate");
                }
                aloneUntilNanos = System.nanoTime() + ALONE_FOR.toNanos();
                alone(host, e);
                return Optional.empty();
            }
            if (lease.isPresent()) {
                return lease;
            }
        }
    }

    /** Counts a request sent under the local gate alone, and says so now and then (at DEBUG: health says degraded). */
    private void alone(String host, SharedStateUnavailableException cause) {
        long count = aloneSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + LOG_EVERY.toNanos())) {
            aloneSinceLog.addAndGet(-count);
            LOG.log(Level.DEBUG, () -> count + " request(s), the last to " + host + ", went under this instance's"
                    + " politeness gate alone since this was last said (at most every " + LOG_EVERY.toSeconds()
                    + " s): the shared gate cannot be reached" + (cause == null ? "" : " (" + cause.getMessage() + ")"));
        }
    }
}
