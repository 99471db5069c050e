package gt.dondelocompro.adapters.scraping.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link HostGates} of one process: a {@link HostGate} per host name, whatever the scheme or port. */
final class InProcessHostGates implements HostGates {

    private final Clock clock;
    private final ConcurrentMap<String, HostGate> gates = new ConcurrentHashMap<>();

    InProcessHostGates(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Turn await(String host, FetchOptions options, FetchContext context) throws FetchException, InterruptedException {
        HostGate gate = gates.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new HostGate(h));
        long now = System.nanoTime();
        Duration left = context.deadline() == null ? options.timeout()
                : Duration.between(clock.instant(), context.deadline());
        long deadline = now + Math.max(0, saturatedNanos(left));
        // without a deadline, the store's timeout bounds the wait for its turn ("a queue longer than its timeout can
        // serve"), and the exchange's own timeout bounds the answer
        return gate.acquire(options.minDelay(), options.maxConcurrency(), deadline, context.deadline() != null, context);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? 0 : Long.MAX_VALUE / 4;
        }
    }
}
