package gt.dondelocompro.adapters.scraping.http;

import gt.dondelocompro.domain.FailureKind;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The politeness gate of one host, shared by every store and search that talks to it: at most
 * {@code maxConcurrency} requests in flight, and each start at least {@code minDelay} after the previous start
 * and after the previous answer finished (so a slow host is given its pause too, and with one request at a
 * time the host sees them at least {@code minDelay} apart). When stores on the same host ask for different
 * limits, the strictest wins, since the host does not care which store asks.
 *
 * <p>Requests wait in order of arrival, except that those arriving within the same {@link #ARRIVAL_WINDOW_NANOS}
 * are served in a random order: a burst of searches reaches every store's gate in the same order, and strict
 * arrival order would have every store serve the same first searches and refuse the same last ones, leaving those
 * with no offer at all; shuffled per gate, each search's chances at the stores are independent. Capacity goes only
 * to answers someone will see: a waiting request whose
 * deadline passes, or whose search no longer wants it, leaves the queue unsent; and one that the host cannot answer
 * before its deadline at its observed pace ({@link #estimatedWait}) is refused {@code BUSY} at once, on arrival or
 * as soon as the pace shows it, instead of timing out later.
 */
final class HostGate {

    /** How often a waiting request asks whether its search still wants it; deadlines and interrupts are exact. */
    static final long WANTED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Requests arriving within this window of each other are served in a random order. */
    static final long ARRIVAL_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Waiter(long window, long rank) {
        boolean before(Waiter other) {
            return window != other.window ? window - other.window < 0 : rank < other.rank;
        }
    }

    private final String host;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Waiting requests in the order they will be served: by arrival window, then at random. */
    private final List<Waiter> queue = new ArrayList<>();
    private long minDelayNanos;
    private int maxConcurrency = Integer.MAX_VALUE;
    private int inFlight;
    private long nextStartNanos = System.nanoTime();
    /** How long the last {@link #PACE_SAMPLES} exchanges took, oldest first. */
    private final ArrayDeque<Long> recentService = new ArrayDeque<>();
    /** How long one exchange takes here: the lower median of the recent ones; -1 until two have finished. */
    private long serviceNanos = -1;

    /**
     * The service time is the lower median of the last five exchanges, known once two have finished: the first
     * exchange with a host pays for the connection and a robots.txt answers faster than a search, so neither one
     * slow nor one quick exchange sets the pace; with two samples the quicker counts, erring on the side of asking.
     */
    static final int PACE_SAMPLES = 5;

    HostGate(String host) {
        this.host = host;
    }

    /**
     * Waits for a slot until {@code deadlineNanos} ({@link System#nanoTime()}), by when the answer must have come when
     * {@code answerBy}, else by when the request must have started (its own timeout then bounds the answer); see
     * {@link HostGates#await} for what it throws. Interrupted, it stops waiting at once.
     */
    HostGates.Turn acquire(Duration minDelay, int concurrency, long deadlineNanos, boolean answerBy, FetchContext context)
            throws FetchException, InterruptedException {
        lock.lockInterruptibly();
        Waiter me = new Waiter(Math.floorDiv(System.nanoTime(), ARRIVAL_WINDOW_NANOS), ThreadLocalRandom.current().nextLong());
        int at = queue.size();
        while (at > 0 && me.before(queue.get(at - 1))) {
            at--;
        }
        queue.add(at, me);
        try {
            minDelayNanos = Math.max(minDelayNanos, minDelay.toNanos());
            maxConcurrency = Math.min(maxConcurrency, concurrency);
            while (true) {
                long now = System.nanoTime();
                long left = deadlineNanos - now;
                if (left <= 0) {
                    throw new FetchException(FailureKind.TIMEOUT, "the request waited at " + host
                            + "'s politeness gate until its deadline and was never sent");
                }
                if (!context.stillWanted()) {
                    throw new FetchException(FailureKind.TIMEOUT, "the request left " + host
                            + "'s politeness gate unsent: its search no longer needs the answer");
                }
                int ahead = positionOf(me);
                long answerIn = estimatedWait(ahead, now) + (answerBy ? Math.max(serviceNanos, 0) : 0);
                // the wait is an estimate, so only a clear overrun refuses a queued request: refusing costs an answer
                // the host might have given, while letting it wait costs nothing (it is refused, unsent, once at the
                // head); the last check, about to send, is exact
                long refuseAbove = ahead == 0 ? left : left + left / 3;
                if (answerIn > refuseAbove) {
                    throw new FetchException(FailureKind.BUSY, busy(ahead, answerIn, left));
                }
                if (ahead == 0 && inFlight < maxConcurrency && now - nextStartNanos >= 0) {
                    inFlight++;
                    nextStartNanos = now + minDelayNanos;
                    long started = now;
                    AtomicBoolean released = new AtomicBoolean();
                    return () -> {
                        if (released.compareAndSet(false, true)) {
                            release(started);
                        }
                    };
                }
                long sleep = Math.min(left, WANTED_POLL_NANOS);
                if (ahead == 0 && inFlight < maxConcurrency) {
                    sleep = Math.min(sleep, nextStartNanos - now);
                }
                changed.awaitNanos(sleep);
            }
        } finally {
            queue.remove(me);
            changed.signalAll(); // the ones behind move up, or take the slot this one took
            lock.unlock();
        }
    }

    /**
     * How long until the request with {@code ahead} requests before it may start: starts come at most one per
     * {@code minDelay}, and each slot serves one request per service time plus the pause after it, so the pace is
     * one start per {@code max(minDelay, (service + minDelay) / concurrency)}. While the service time is unknown it
     * counts as nothing, so the first estimates err on the side of asking.
     */
    private long estimatedWait(int ahead, long now) {
        long service = Math.max(serviceNanos, 0);
        long interval = Math.max(minDelayNanos, (service + minDelayNanos) / maxConcurrency);
        long untilNextStart = inFlight < maxConcurrency ? Math.max(0, nextStartNanos - now) : interval;
        return untilNextStart + ahead * interval;
    }

    private String busy(int ahead, long answerIn, long left) {
        return ahead + " requests were ahead of it at " + host + "'s politeness gate (" + inFlight + " in flight, at most "
                + maxConcurrency + ", " + TimeUnit.NANOSECONDS.toMillis(minDelayNanos) + " ms apart"
                + (serviceNanos < 0 ? "" : ", about " + TimeUnit.NANOSECONDS.toMillis(serviceNanos) + " ms each")
                + "): an answer would take about " + TimeUnit.NANOSECONDS.toMillis(answerIn) + " ms and only "
                + TimeUnit.NANOSECONDS.toMillis(left) + " ms were left, so it was not sent";
    }

    private int positionOf(Waiter waiter) {
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i) == waiter) {
                return i;
            }
        }
        throw new IllegalStateException("a waiter left the queue while waiting");
    }

    private void release(long startedNanos) {
        lock.lock();
        try {
            inFlight--;
            long now = System.nanoTime();
            recentService.addLast(now - startedNanos);
            if (recentService.size() > PACE_SAMPLES) {
                recentService.removeFirst();
            }
            if (recentService.size() >= 2) {
                long[] sorted = recentService.stream().mapToLong(Long::longValue).sorted().toArray();
                serviceNanos = sorted[(sorted.length - 1) / 2];
            }
            long pauseAfterAnswer = now + minDelayNanos;
            if (pauseAfterAnswer - nextStartNanos > 0) {
                nextStartNanos = pauseAfterAnswer;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
