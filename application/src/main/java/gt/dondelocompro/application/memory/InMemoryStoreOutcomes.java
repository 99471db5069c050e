package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.StoreOutcome;
import gt.dondelocompro.application.port.out.StoreOutcomes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The store outcomes of one process: a list per search, forgotten once nothing was added to it for the retention. */
public final class InMemoryStoreOutcomes implements StoreOutcomes {

    private record Outcomes(List<StoreOutcome> list, Instant last) {
    }

    private final Duration retention;
    private final Clock clock;
    private final Map<UUID, Outcomes> bySearch = new HashMap<>();

    public InMemoryStoreOutcomes(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public synchronized void deliver(UUID searchId, StoreOutcome outcome) {
        Instant now = clock.instant();
        bySearch.values().removeIf(o -> o.last().plus(retention).isBefore(now));
        List<StoreOutcome> list = new ArrayList<>(bySearch.containsKey(searchId) ? bySearch.get(searchId).list() : List.of());
        list.add(outcome);
        bySearch.put(searchId, new Outcomes(List.copyOf(list), now));
        notifyAll();
    }

    @Override
    public synchronized List<StoreOutcome> await(UUID searchId, int seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Outcomes outcomes = bySearch.get(searchId);
            if (outcomes != null && outcomes.list().size() > seen) {
                return outcomes.list().subList(Math.max(0, seen), outcomes.list().size());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }
}
