package gt.dondelocompro.adapters.scraping.http;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The politeness gate of one host, shared by every store and search that talks to it: at most
 * {@code maxConcurrency} requests in flight, and each start at least {@code minDelay} after the previous start
 * and after the previous answer finished (so a slow host is given its pause too, and with one request at a
 * time the host sees them at least {@code minDelay} apart). When stores on the same host ask for different
 * limits, the strictest wins, since the host does not care which store asks.
 */
final class HostGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long minDelayNanos;
    private int maxConcurrency = Integer.MAX_VALUE;
    private int inFlight;
    private long nextStartNanos = System.nanoTime();

    /** Waits for a slot; throws when interrupted, so a cancelled search stops waiting at once. */
    void acquire(Duration minDelay, int concurrency) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            minDelayNanos = Math.max(minDelayNanos, minDelay.toNanos());
            maxConcurrency = Math.min(maxConcurrency, concurrency);
            while (true) {
                long now = System.nanoTime();
                if (inFlight < maxConcurrency && now - nextStartNanos >= 0) {
                    inFlight++;
                    nextStartNanos = now + minDelayNanos;
                    return;
                }
                if (inFlight >= maxConcurrency) {
                    changed.await();
                } else {
                    changed.awaitNanos(nextStartNanos - now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            inFlight--;
            long pauseAfterAnswer = System.nanoTime() + minDelayNanos;
            if (pauseAfterAnswer - nextStartNanos > 0) {
                nextStartNanos = pauseAfterAnswer;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
