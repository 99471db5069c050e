package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.HostGates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The host gates of one process: per host, the leases held (each until it expires) and when the last one was given. */
public final class InMemoryHostGates implements HostGates {

    private final Clock clock;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public InMemoryHostGates(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Lease> acquire(String host, int maxConcurrency, Duration minDelay, Duration leaseTime, Instant deadline)
            throws InterruptedException {
        Gate gate = gates.computeIfAbsent(host, h -> new Gate());
        synchronized (gate) {
            while (true) {
                Instant now = clock.instant();
                gate.leases.values().removeIf(until -> !until.isAfter(now));
                Instant next = gate.last == null ? now : gate.last.plus(minDelay);
                if (gate.leases.size() < maxConcurrency && !next.isAfter(now)) {
                    long id = ids.incrementAndGet();
                    gate.leases.put(id, now.plus(leaseTime));
                    gate.last = now;
                    return Optional.of(new HeldLease(gate, id));
                }
                if (!now.isBefore(deadline)) {
                    return Optional.empty();
                }
                Instant wake = next.isAfter(now) ? next : gate.leases.values().stream().min(Instant::compareTo).orElse(now);
                long waitMillis = Math.max(1, Math.min(Duration.between(now, wake.isBefore(deadline) ? wake : deadline).toMillis(), 50));
                gate.wait(waitMillis);
            }
        }
    }

    private static final class Gate {
        private final Map<Long, Instant> leases = new HashMap<>();
        private Instant last;
    }

    private static final class HeldLease implements Lease {
        private final Gate gate;
        private final long id;
        private final AtomicBoolean released = new AtomicBoolean();

        HeldLease(Gate gate, long id) {
            this.gate = gate;
            this.id = id;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                synchronized (gate) {
                    gate.leases.remove(id);
                    gate.notifyAll();
                }
            }
        }
    }
}
