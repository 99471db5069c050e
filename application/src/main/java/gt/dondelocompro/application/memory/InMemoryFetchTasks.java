package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.FetchTask;
import gt.dondelocompro.application.port.out.FetchTasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fetch tasks of one process: a queue, and the tasks taken but not yet acknowledged with when each was taken,
 * given again once their visibility timeout passed.
 */
public final class InMemoryFetchTasks implements FetchTasks {

    private record Delivery(String receipt, FetchTask task, int deliveries, Instant takenAt, String worker) {
    }

    private final Duration visibilityTimeout;
    private final Clock clock;
    private final Deque<FetchTask> waiting = new ArrayDeque<>();
    private final Map<String, Delivery> taken = new LinkedHashMap<>();
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public InMemoryFetchTasks(Duration visibilityTimeout, Clock clock) {
        this.visibilityTimeout = visibilityTimeout;
        this.clock = clock;
    }

    @Override
    public synchronized void add(FetchTask task) {
        waiting.addLast(task);
        notifyAll();
    }

    @Override
    public synchronized Optional<Taken> take(String worker, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Instant now = clock.instant();
            Optional<Taken> next = reclaim(worker, now).or(() -> fresh(worker, now));
            if (next.isPresent()) {
                return next;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
        }
    }

    private Optional<Taken> reclaim(String worker, Instant now) {
        for (Delivery d : taken.values().toArray(Delivery[]::new)) {
            if (d.takenAt().plus(visibilityTimeout).isAfter(now)) {
                continue;
            }
            taken.remove(d.receipt());
            if (late(d.task(), now)) {
                continue;
            }
            return Optional.of(deliver(worker, d.task(), d.deliveries() + 1, now));
        }
        return Optional.empty();
    }

    private Optional<Taken> fresh(String worker, Instant now) {
        for (FetchTask task = waiting.pollFirst(); task != null; task = waiting.pollFirst()) {
            if (!late(task, now)) {
                return Optional.of(deliver(worker, task, 1, now));
            }
        }
        return Optional.empty();
    }

    private boolean late(FetchTask task, Instant now) {
        if (task.deadline().isAfter(now)) {
            return false;
        }
        dropped.incrementAndGet();
        return true;
    }

    private Taken deliver(String worker, FetchTask task, int deliveries, Instant now) {
        String receipt = Long.toString(receipts.incrementAndGet());
        taken.put(receipt, new Delivery(receipt, task, deliveries, now, worker));
        return new Taken(receipt, task, deliveries, worker);
    }

    @Override
    public synchronized void keep(Taken kept) {
        // only while it is still this worker's: once given to another, the first one's keep changes nothing
        taken.computeIfPresent(kept.receipt(), (r, d) -> d.worker().equals(kept.worker())
                ? new Delivery(r, d.task(), d.deliveries(), clock.instant(), d.worker()) : d);
    }

    @Override
    public synchronized void ack(Taken delivered) {
        taken.remove(delivered.receipt());
    }

    @Override
    public long dropped() {
        return dropped.get();
    }
}
