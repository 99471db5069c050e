package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.SearchEventLog;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The event logs of one process: a list per search behind one lock, forgotten after the retention (at next use). */
public final class InMemorySearchEventLog implements SearchEventLog {

    private final Duration retention;
    private final Clock clock;
    private final Map<UUID, Log> logs = new ConcurrentHashMap<>();

    public InMemorySearchEventLog(Duration retention, Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Optional<RecordedEvent> append(UUID searchId, Instant at, SearchEvent event) {
        forgetExpired();
        return logs.computeIfAbsent(searchId, id -> new Log()).append(at, event);
    }

    @Override
    public List<RecordedEvent> read(UUID searchId, long afterSequence, int max) {
        Log log = live(searchId);
        return log == null ? List.of() : log.after(afterSequence, max);
    }

    @Override
    public List<RecordedEvent> await(UUID searchId, long afterSequence, int max, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Log log = live(searchId);
        while (log == null) {
            // a log that does not exist yet may be created by its first append: look again, briefly
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 20)));
            log = live(searchId);
        }
        return log.await(afterSequence, max, deadline);
    }

    @Override
    public boolean exists(UUID searchId) {
        return live(searchId) != null;
    }

    private Log live(UUID searchId) {
        Log log = logs.get(searchId);
        if (log != null && log.expired()) {
            logs.remove(searchId, log);
            return null;
        }
        return log;
    }

    private void forgetExpired() {
        logs.values().removeIf(Log::expired);
    }

    private final class Log {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition grew = lock.newCondition();
        private final List<RecordedEvent> events = new ArrayList<>();
        private volatile Instant lastAppend = clock.instant();

        Optional<RecordedEvent> append(Instant at, SearchEvent event) {
            lock.lock();
            try {
                if (!events.isEmpty() && events.getLast().event().isTerminal()) {
                    return Optional.empty();
                }
                RecordedEvent recorded = new RecordedEvent(events.size() + 1, at, event);
                events.add(recorded);
                lastAppend = clock.instant();
                grew.signalAll();
                return Optional.of(recorded);
            } finally {
                lock.unlock();
            }
        }

        List<RecordedEvent> after(long afterSequence, int max) {
            lock.lock();
            try {
                int from = (int) Math.min(Math.max(0, afterSequence), events.size());
                return List.copyOf(events.subList(from, Math.min(events.size(), from + max)));
            } finally {
                lock.unlock();
            }
        }

        List<RecordedEvent> await(long afterSequence, int max, long deadlineNanos) throws InterruptedException {
            lock.lock();
            try {
                while (events.size() <= afterSequence) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return List.of();
                    }
                    grew.awaitNanos(left);
                }
                return after(afterSequence, max);
            } finally {
                lock.unlock();
            }
        }

        boolean expired() {
            return lastAppend.plus(retention).isBefore(clock.instant());
        }
    }
}
