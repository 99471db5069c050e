package gt.dondelocompro.adapters.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code perMinute} tokens, refilled evenly over a minute; a request takes one. When the
 * bucket is empty the answer is how long until the next token. Full buckets are forgotten when many clients
 * are tracked, so the map cannot grow without bound.
 */
final class RateLimiter {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int TRACKED_BEFORE_PRUNING = 10_000;

    private final int capacity;
    private final long nanosPerToken;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int perMinute, LongSupplier nanoTime) {
        this.capacity = perMinute;
        this.nanosPerToken = MINUTE_NANOS / perMinute;
        this.nanoTime = nanoTime;
    }

    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    /** Empty when the client may go ahead; otherwise how long it should wait. */
    Optional<Duration> tryAcquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > TRACKED_BEFORE_PRUNING) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private long tokensNanos; // tokens held, in nanoseconds of refill time, to stay in whole numbers
        private long last;

        Bucket(long now) {
            this.tokensNanos = capacity * nanosPerToken;
            this.last = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokensNanos >= nanosPerToken) {
                tokensNanos -= nanosPerToken;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(nanosPerToken - tokensNanos));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokensNanos >= capacity * nanosPerToken;
        }

        private void refill(long now) {
            tokensNanos = Math.min(capacity * nanosPerToken, tokensNanos + (now - last));
            last = now;
        }
    }
}
