package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.SearchObserver;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.StoreAttempt;
import gt.dondelocompro.domain.StoreHealth;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Each store's recent answers, for operators: told by the searches of this process (as their {@link SearchObserver})
 * and started, on first use, from what the store of record kept of the day before it started, so a restart does
 * not forget. Bounded: per store, the answers of the last 24 h, at most {@link #MAX_ATTEMPTS_PER_STORE}.
 * A store whose answers stop being readable after it answered well (its site changed) is logged once, with the start
 * of what it sent, until it answers well again. A {@code busy} failure is not counted: the store was not asked.
 */
public final class StoreHealthMonitor implements SearchObserver {

    private static final System.Logger LOG = System.getLogger(StoreHealthMonitor.class.getName());

    static final Duration WINDOW = Duration.ofHours(24);
    static final int MAX_ATTEMPTS_PER_STORE = 2_000;
    /** After a failed read of the store of record, the next try waits this long. */
    static final Duration PRIME_RETRY = Duration.ofSeconds(30);

    private final Clock clock;
    private final BiFunction<Instant, Integer, List<StoreAttempt>> recorded;
    private final Instant startedAt;
    private final Map<String, Track> stores = new HashMap<>();
    private final AtomicBoolean priming = new AtomicBoolean();
    private volatile boolean primed;
    private volatile Instant nextPrime;

    /** One store's answers, oldest first, and what outlives the window. */
    private static final class Track {
        final Deque<StoreAttempt> recent = new ArrayDeque<>();
        Instant lastSuccessAt;
        StoreAttempt lastFailure;
        boolean siteChangeLogged;
    }

    /**
     * {@code recorded}: the store answers the store of record kept since the instant given, the latest so many of each
     * store, oldest first ({@link gt.dondelocompro.application.port.out.SearchRepository#storeAttemptsSince}); it may
     * throw while the store of record is unreachable, and is asked again later.
     */
    public StoreHealthMonitor(Clock clock, BiFunction<Instant, Integer, List<StoreAttempt>> recorded) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        this.startedAt = clock.instant();
        this.nextPrime = startedAt;
    }

    /** Knows only what it is told from now on. */
    public static StoreHealthMonitor inMemoryOnly(Clock clock) {
        return new StoreHealthMonitor(clock, (since, perStore) -> List.of());
    }

    @Override
    public void storeAnswered(String vendorId, int offers, Duration took) {
        StoreAttempt attempt = StoreAttempt.succeeded(vendorId, clock.instant());
        synchronized (this) {
            Track track = add(attempt);
            track.siteChangeLogged = false;
        }
    }

    @Override
    public void storeFailed(String vendorId, StoreResult.Failure failure, Duration took) {
        if (!failure.kind().isStoresTrouble()) {
            return; // busy: the store was not asked, so this says nothing of how it answers
        }
        StoreAttempt attempt = StoreAttempt.failed(vendorId, clock.instant(), failure.kind(), failure.message());
        boolean siteChanged;
        synchronized (this) {
            Track track = add(attempt);
            siteChanged = failure.kind() == FailureKind.PARSE && track.lastSuccessAt != null && !track.siteChangeLogged;
            track.siteChangeLogged |= siteChanged;
        }
        if (siteChanged) {
            LOG.log(Level.WARNING, "store " + vendorId + " answered well before, and now what it sends cannot be read:"
                    + " its site may have changed. " + failure.message() + "\n"
                    + (failure.sample() == null
                    ? "(the store adapter kept none of what it sent)"
                    : "What it sent began with:\n" + failure.sample()));
        }
    }

    private Track add(StoreAttempt attempt) {
        Track track = stores.computeIfAbsent(attempt.vendorId(), id -> new Track());
        track.recent.addLast(attempt);
        remember(track, attempt);
        prune(track, attempt.at());
        return track;
    }

    private static void remember(Track track, StoreAttempt attempt) {
        if (attempt.succeeded()) {
            if (track.lastSuccessAt == null || !attempt.at().isBefore(track.lastSuccessAt)) {
                track.lastSuccessAt = attempt.at();
            }
        } else if (track.lastFailure == null || !attempt.at().isBefore(track.lastFailure.at())) {
            track.lastFailure = attempt;
        }
    }

    private static void prune(Track track, Instant now) {
        Instant oldest = now.minus(WINDOW);
        // the last three stay whatever their age: "failed its last three searches" does not expire by itself
        while (track.recent.size() > StoreHealth.FAILING_AFTER
                && (track.recent.size() > MAX_ATTEMPTS_PER_STORE || track.recent.getFirst().at().isBefore(oldest))) {
            track.recent.removeFirst();
        }
    }

    /** The health of each of {@code vendorIds} now; {@link StoreHealth#UNKNOWN} for a store nothing is known of. */
    public Map<String, StoreHealth> health(List<String> vendorIds) {
        primeIfDue();
        Instant now = clock.instant();
        Map<String, StoreHealth> health = new HashMap<>();
        synchronized (this) {
            for (String id : vendorIds) {
                Track track = stores.get(id);
                health.put(id, track == null ? StoreHealth.UNKNOWN : health(track, now));
            }
        }
        return health;
    }

    private static StoreHealth health(Track track, Instant now) {
        Instant oldest = now.minus(WINDOW);
        int asked = 0;
        int answered = 0;
        for (StoreAttempt a : track.recent) {
            if (!a.at().isBefore(oldest)) {
                asked++;
                answered += a.succeeded() ? 1 : 0;
            }
        }
        boolean failing = track.recent.size() >= StoreHealth.FAILING_AFTER;
        Iterator<StoreAttempt> latest = track.recent.descendingIterator();
        for (int i = 0; i < StoreHealth.FAILING_AFTER && failing; i++) {
            failing = !latest.next().succeeded();
        }
        StoreAttempt f = track.lastFailure;
        return new StoreHealth(track.lastSuccessAt, f == null ? null : new StoreHealth.LastFailure(f.at(), f.failure(), f.error()),
                asked == 0 ? null : (double) answered / asked, failing);
    }

    /**
     * Adds what the store of record kept from before this process started, once; outside the lock, so the searches
     * telling their answers never wait for the database.
     */
    private void primeIfDue() {
        if (primed || clock.instant().isBefore(nextPrime) || !priming.compareAndSet(false, true)) {
            return;
        }
        try {
            List<StoreAttempt> before = new ArrayList<>();
            for (StoreAttempt a : recorded.apply(startedAt.minus(WINDOW), MAX_ATTEMPTS_PER_STORE)) {
                if (a.at().isBefore(startedAt) && (a.succeeded() || a.failure().isStoresTrouble())) {
                    // later ones are this process's own, already told; busy ones never asked the store
                    before.add(a);
                }
            }
            synchronized (this) {
                Map<String, Track> told = new HashMap<>(stores);
                stores.clear();
                before.forEach(this::add);
                told.forEach((id, live) -> {
                    Track track = stores.computeIfAbsent(id, k -> new Track());
                    live.recent.forEach(a -> {
                        track.recent.addLast(a);
                        remember(track, a);
                    });
                    if (live.lastSuccessAt != null) {
                        remember(track, StoreAttempt.succeeded(id, live.lastSuccessAt));
                    }
                    if (live.lastFailure != null) {
                        remember(track, live.lastFailure);
                    }
                    prune(track, clock.instant());
                    track.siteChangeLogged = live.siteChangeLogged;
                });
            }
            primed = true;
        } catch (RuntimeException e) {
            nextPrime = clock.instant().plus(PRIME_RETRY);
            LOG.log(Level.INFO, "store health starts from this process's searches only for now: the recorded answers"
                    + " could not be read (" + e.getMessage() + "); trying again in " + PRIME_RETRY.toSeconds() + " s");
        } finally {
            priming.set(false);
        }
    }
}
