package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchSnapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A search in memory while it runs (and a while after): the aggregate behind one lock, and a condition that
 * wakes subscribers whenever the event log grows. Subscribers read the log by position, so a late or resuming
 * one gets every event after its position exactly once, in order, then the live ones.
 */
final class LiveSearch {

    private final Search search;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    private volatile Instant finishedAt;

    LiveSearch(Search search, Clock clock) {
        this.search = search;
        this.clock = clock;
        if (search.isFinished()) {
            finishedAt = clock.instant();
        }
    }

    /** Changes the search under its lock and wakes every subscriber. */
    void update(Consumer<Search> change) {
        lock.lock();
        try {
            change.accept(search);
            if (search.isFinished() && finishedAt == null) {
                finishedAt = clock.instant();
            }
            grew.signalAll();
        } finally {
            lock.unlock();
        }
    }

    <T> T read(java.util.function.Function<Search, T> reader) {
        lock.lock();
        try {
            return reader.apply(search);
        } finally {
            lock.unlock();
        }
    }

    SearchSnapshot snapshot() {
        return read(Search::snapshot);
    }

    /** When the search finished, or null while it runs; for eviction. */
    Instant finishedAt() {
        return finishedAt;
    }

    EventSubscription subscribe(long afterSequence) {
        return new Subscription(Math.max(0, afterSequence));
    }

    /** A reader positioned after the last event it handed out. */
    private final class Subscription implements EventSubscription {
        private long position;
        private boolean finished;
        private volatile boolean closed;

        Subscription(long position) {
            this.position = position;
        }

        @Override
        public Optional<RecordedEvent> next(Duration timeout) throws InterruptedException {
            if (finished || closed) {
                return Optional.empty();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                while (search.eventCount() <= position) {
                    if (search.isFinished()) {
                        // resumed after the terminal event: nothing more will come
                        finished = true;
                        return Optional.empty();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || closed) {
                        return Optional.empty();
                    }
                    // wake at least every second so that close() from another thread is noticed
                    grew.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                }
                RecordedEvent next = search.eventAt((int) position);
                position++;
                if (next.event().isTerminal()) {
                    finished = true;
                }
                return Optional.of(next);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
