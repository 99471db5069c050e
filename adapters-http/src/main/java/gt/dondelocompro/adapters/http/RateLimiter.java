package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.out.RateLimitCounters;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The per-client limit of one endpoint: {@code perMinute} requests per client, as a token bucket per client in
 * {@link RateLimitCounters} (refilled evenly over a minute; a request takes one; when the bucket is empty the answer
 * is how long until the next token). Given shared counters (many instances, {@code REDIS_URL}), the limit holds for
 * all instances together; while those cannot be reached, and without them, this process's own {@link LocalCounters}.
 */
final class RateLimiter {

    private static final System.Logger LOG = System.getLogger(RateLimiter.class.getName());

    private final int perMinute;
    private final RateLimitCounters shared;
    private final String scope;
    private final LocalCounters local;

    /** {@code shared} may be null (one process); keys are {@code scope:client}, so endpoints have their own buckets. */
    RateLimiter(int perMinute, RateLimitCounters shared, String scope, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.shared = shared;
        this.scope = scope;
        this.local = new LocalCounters(nanoTime);
    }

    RateLimiter(int perMinute, RateLimitCounters shared, String scope) {
        this(perMinute, shared, scope, System::nanoTime);
    }

    RateLimiter(int perMinute, LongSupplier nanoTime) {
        this(perMinute, null, "local", nanoTime);
    }

    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    /** Empty when the client may go ahead; otherwise how long it should wait. */
    Optional<Duration> tryAcquire(String client) {
        String key = scope + ":" + client;
        if (shared != null) {
            try {
                return shared.take(key, perMinute);
            } catch (SharedStateUnavailableException e) {
                LOG.log(Level.DEBUG, "shared rate-limit counters unreachable, counting here: {0}", e.getMessage());
            }
        }
        return local.take(key, perMinute);
    }

    /**
     * Token buckets in this process's memory. Full buckets are forgotten when many clients are tracked, so the map
     * cannot grow without bound.
     */
    static final class LocalCounters implements RateLimitCounters {

        private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
        private static final int TRACKED_BEFORE_PRUNING = 10_000;

        private final LongSupplier nanoTime;
        private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

        LocalCounters(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
        }

        @Override
        public Optional<Duration> take(String key, int perMinute) {
            long now = nanoTime.getAsLong();
            if (buckets.size() > TRACKED_BEFORE_PRUNING) {
                buckets.values().removeIf(b -> b.isFull(now));
            }
            return buckets.computeIfAbsent(key, c -> new Bucket(perMinute, now)).take(now);
        }

        private static final class Bucket {
            private final long capacity;
            private final long nanosPerToken;
            private long tokensNanos; // tokens held, in nanoseconds of refill time, to stay in whole numbers
            private long last;

            Bucket(int perMinute, long now) {
                this.capacity = perMinute;
                this.nanosPerToken = MINUTE_NANOS / perMinute;
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
}
