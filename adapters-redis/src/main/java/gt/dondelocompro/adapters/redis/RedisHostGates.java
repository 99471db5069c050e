package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.HostGates;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A host's gate in Redis: a sorted set of the leases held (scored by when each expires) and the time the last one
 * was given, checked and taken in one script on Redis's clock. A lease its holder never released (it died) is
 * dropped once it expires. A release publishes the host on the namespace's release channel, which wakes the waiters
 * of that host on every instance ({@link RedisSharedState#gateSignal}); waiters also look again every
 * {@link #POLL_MILLIS} ms (a lease that expired wakes nobody, and a message can be lost while the channel
 * reconnects), or every {@link #POLL_MILLIS_UNSUBSCRIBED} ms while this instance is not subscribed, and as soon as a
 * minimum delay is over.
 */
final class RedisHostGates implements HostGates {

    private static final long POLL_MILLIS = 200;
    private static final long POLL_MILLIS_UNSUBSCRIBED = 25;
    private static final String RELEASE = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('PUBLISH', KEYS[2], ARGV[2])
            return 1
            """;
    private static final String ACQUIRE = """
            local max = tonumber(ARGV[1])
            local min_delay = tonumber(ARGV[2])
            local lease = tonumber(ARGV[3])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            local held = redis.call('ZCARD', KEYS[1])
            local last = tonumber(redis.call('GET', KEYS[2]))
            local next_start = now
            if last ~= nil then next_start = last + min_delay end
            if held < max and now >= next_start then
              redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
              if redis.call('PTTL', KEYS[1]) < lease + 1000 then redis.call('PEXPIRE', KEYS[1], lease + 1000) end
              redis.call('SET', KEYS[2], now, 'PX', min_delay + 1000)
              return 0
            end
            local wait = math.max(0, next_start - now)
            if held >= max then
              local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              wait = math.max(wait, tonumber(first[2]) - now)
            end
            return math.max(1, wait)
            """;

    private final RedisSharedState redis;

    RedisHostGates(RedisSharedState redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Lease> acquire(String host, int maxConcurrency, Duration minDelay, Duration leaseTime, Instant deadline)
            throws InterruptedException {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        String leases = redis.key("gate", host, "leases");
        String last = redis.key("gate", host, "last");
        String id = UUID.randomUUID().toString();
        RedisSharedState.GateSignal signal = redis.gateSignal(host);
        while (true) {
            long seen = signal.generation(); // a release after this wakes the wait below, even before it begins
            Long wait = redis.call(c -> c.<Long>eval(ACQUIRE, ScriptOutputType.INTEGER, new String[]{leases, last},
                    Integer.toString(maxConcurrency), Long.toString(minDelay.toMillis()),
                    Long.toString(Math.max(1, leaseTime.toMillis())), id));
            if (wait != null && wait == 0) {
                return Optional.of(new RedisLease(host, leases, id));
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return Optional.empty();
            }
            long poll = redis.subscribedToGates() ? POLL_MILLIS : POLL_MILLIS_UNSUBSCRIBED;
            signal.await(seen, Math.max(1, Math.min(Math.min(wait == null ? poll : wait, poll), left)));
        }
    }

    private final class RedisLease implements Lease {
        private final String host;
        private final String leases;
        private final String id;
        private final AtomicBoolean released = new AtomicBoolean();

        RedisLease(String host, String leases, String id) {
            this.host = host;
            this.leases = leases;
            this.id = id;
        }

        /** Gives the slot back; when Redis does not answer, the lease expires on its own. */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                try {
                    redis.call(c -> c.<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[]{leases, redis.gateChannel()}, id, host));
                } catch (SharedStateUnavailableException e) {
                    // it expires after its lease time
                }
            }
        }
    }
}
