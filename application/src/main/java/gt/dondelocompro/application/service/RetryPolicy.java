package gt.dondelocompro.application.service;

import java.time.Duration;

/** How the recorder retries a failing store of record: exponential backoff between {@code initial} and {@code max}. */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public RetryPolicy {
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("invalid retry policy " + initialBackoff + ".." + maxBackoff + " x" + maxAttempts);
        }
    }

    /** 0.5 s doubling up to 30 s, 20 attempts: about eight minutes of a database outage before giving up on a search. */
    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 20);
    }

    public Duration backoffAfter(int failedAttempts) {
        long factor = 1L << Math.min(failedAttempts - 1, 20);
        Duration d = initialBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
