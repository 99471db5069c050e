package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A search in memory while it runs (and a while after): the aggregate behind one lock, and a condition that
 * wakes subscribers whenever the event log grows. Subscribers read the log by position, so a late or resuming
 * one gets every event after its position exactly once, in order, then the live ones. Searches that joined this
 * one ({@link #addFollower}) are brought up to date under its lock with every change, so they never miss nor reorder an
 * event; locks are always taken followed first, follower second.
 */
final class LiveSearch {

    private final Search search;
    private final UUID id;
    private final SearchQuery query;
    private final int maxResults;
    private final Clock clock;
    private final Consumer<LiveSearch> whenFinished;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    /** Guarded by {@link #lock}; emptied once this search finished, since nothing more will come. */
    private List<LiveSearch> followers = new ArrayList<>();
    private volatile Instant finishedAt;
    /** Told after each change, outside the lock (many instances: to publish the new events); null when none. */
    private volatile Consumer<LiveSearch> changed;
    /** Guarded by {@link #publishing}: how many of this search's events the shared log has. */
    private int published;
    private final ReentrantLock publishing = new ReentrantLock();
    private volatile boolean publishStopped;

    /** {@code whenFinished} is told once, under this search's lock, when it finishes (not when it is created finished). */
    LiveSearch(Search search, Clock clock, Consumer<LiveSearch> whenFinished) {
        this.search = search;
        this.id = search.id();
        this.query = search.query();
        this.maxResults = search.maxResults();
        this.clock = clock;
        this.whenFinished = whenFinished;
        if (search.isFinished()) {
            finishedAt = clock.instant();
        }
    }

    UUID id() {
        return id;
    }

    SearchQuery query() {
        return query;
    }

    int maxResults() {
        return maxResults;
    }

    /** Changes the search under its lock, brings its followers up to date and wakes every subscriber. */
    void update(Consumer<Search> change) {
        lock.lock();
        try {
            change.accept(search);
            if (search.isFinished() && finishedAt == null) {
                finishedAt = clock.instant();
                whenFinished.accept(this); // before the followers': a joined search is never recorded before its source
            }
            if (!followers.isEmpty()) {
                followers.forEach(f -> f.catchUp(search));
                if (search.isFinished()) {
                    followers = List.of();
                }
            }
            grew.signalAll();
        } finally {
            lock.unlock();
        }
        Consumer<LiveSearch> told = changed;
        if (told != null) {
            told.accept(this);
        }
    }

    /** {@code whenChanged} is told after every later change, outside the search's lock. */
    void onChange(Consumer<LiveSearch> whenChanged) {
        this.changed = whenChanged;
    }

    /**
     * Appends the events the shared log does not have yet, in order, one caller at a time: true once the log has
     * them all and the last is terminal. Stops for good when the log refuses an event (another instance ended the
     * search) or cannot be reached; this instance's own subscribers are served from memory anyway.
     */
    boolean publishTo(gt.dondelocompro.application.port.out.SearchEventLog log) {
        publishing.lock();
        try {
            while (!publishStopped) {
                List<RecordedEvent> pending = read(s -> {
                    List<RecordedEvent> next = new ArrayList<>();
                    for (int i = published; i < s.eventCount(); i++) {
                        next.add(s.eventAt(i));
                    }
                    return next;
                });
                if (pending.isEmpty()) {
                    return false;
                }
                for (RecordedEvent event : pending) {
                    if (log.append(id, event.at(), event.event()).isEmpty()) {
                        publishStopped = true; // ended there already (another instance completed it)
                        return false;
                    }
                    published++;
                    if (event.event().isTerminal()) {
                        publishStopped = true;
                        return true;
                    }
                }
            }
            return false;
        } finally {
            publishing.unlock();
        }
    }

    /** Publishing ended: the terminal event was published, refused, or the log could not be reached. */
    boolean publishStopped() {
        return publishStopped;
    }

    void stopPublishing() {
        publishStopped = true;
    }

    /**
     * Makes {@code follower} (a {@link Search#joining} search) follow this one instead of asking the stores: it is
     * given every event so far at once, then each one as it happens. Following a search that just finished
     * finishes the follower at once.
     */
    void addFollower(LiveSearch follower) {
        lock.lock();
        try {
            follower.catchUp(search);
            if (!search.isFinished()) {
                followers.add(follower);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies the events of {@code source} this search has not followed yet; called under the source's lock. */
    private void catchUp(Search source) {
        update(s -> {
            for (long next = s.followed(); next < source.eventCount(); next++) {
                s.follow(source.eventAt((int) next));
            }
        });
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
