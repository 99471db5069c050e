package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.RateLimitCounters;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets in Redis, one hash per key ({@code tokens} in microseconds of refill time, {@code last} refill), taken
 * atomically by a script on Redis's own clock, so that the instances' clocks do not matter. A bucket idle for a
 * minute is full again, and expires.
 */
final class RedisRateLimitCounters implements RateLimitCounters {

    private static final long MINUTE_MICROS = 60_000_000L;
    private static final String TAKE = """
            local capacity = tonumber(ARGV[1]) * tonumber(ARGV[2])
            local per_token = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'last')
            local tokens = tonumber(b[1])
            local last = tonumber(b[2])
            if tokens == nil or last == nil then
              tokens = capacity
              last = now
            end
            tokens = math.min(capacity, tokens + math.max(0, now - last))
            local wait = 0
            if tokens >= per_token then
              tokens = tokens - per_token
            else
              wait = per_token - tokens
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(now))
            redis.call('PEXPIRE', KEYS[1], 61000)
            return wait
            """;

    private final RedisSharedState redis;

    RedisRateLimitCounters(RedisSharedState redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Duration> take(String key, int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, was " + perMinute);
        }
        long microsPerToken = MINUTE_MICROS / perMinute;
        Long waitMicros = redis.call(c -> c.<Long>eval(TAKE, ScriptOutputType.INTEGER, new String[]{redis.key("rate", key)},
                Integer.toString(perMinute), Long.toString(microsPerToken)));
        return waitMicros == null || waitMicros <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(waitMicros * 1000));
    }
}
