package gt.dondelocompro.application.service;

import java.time.Duration;

/** How the recorder retries a failing store of record: exponential backoff between {@code initial} and {@code max}. */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public RetryPolicy {
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("invalid retry policy " + initialBackoff + ".." + maxBackoff + " x" + maxAttempts);
        }
    }

    /**
     * 0.25 s doubling up to 1 s, 240 attempts: saving resumes within about a second of the database's return
     * (a longer backoff would leave it idle that long after recovery), and with attempts that fail fast (the
     * pool's 1 s connection timeout) a search is given up on after some eight minutes of outage. One attempt a
     * second from one recorder thread is no load on a database that is down.
     */
    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(1), 240);
    }

    public Duration backoffAfter(int failedAttempts) {
        long factor = 1L << Math.min(failedAttempts - 1, 20);
        Duration d = initialBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
