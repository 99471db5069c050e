package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.StoreOutcome;
import gt.dondelocompro.application.port.out.StoreOutcomes;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A search's store outcomes as a Redis stream whose entry ids are {@code <n>-0} (the n-th outcome delivered), read
 * and waited for as the event log is ({@link RedisSharedState#awaitNumberedAfter}). Delivering is one script: the next number, and the stream's expiry set again to the retention.
 */
final class RedisStoreOutcomes implements StoreOutcomes {

    private static final String DELIVER = """
            local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local n = 1
            if #last > 0 then n = tonumber(string.match(last[1][1], '^(%d+)')) + 1 end
            redis.call('XADD', KEYS[1], n .. '-0', 'v', ARGV[2], 'ms', ARGV[3], 'type', ARGV[4], 'd', ARGV[5])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return n
            """;

    /** More than a search has stores: one read takes every outcome there is. */
    private static final int MAX_READ = 1_000;

    private final RedisSharedState redis;
    private final Duration retention;

    RedisStoreOutcomes(RedisSharedState redis, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.redis = redis;
        this.retention = retention;
    }

    private String key(UUID searchId) {
        return redis.key("outcomes", searchId.toString());
    }

    @Override
    public void deliver(UUID searchId, StoreOutcome outcome) {
        redis.call(c -> c.<Long>eval(DELIVER, ScriptOutputType.INTEGER, new String[]{key(searchId)},
                Long.toString(retention.toMillis()), outcome.vendorId(), Long.toString(outcome.took().toMillis()),
                EventCodec.outcomeType(outcome.result()), EventCodec.writeResult(outcome.result())));
    }

    @Override
    public List<StoreOutcome> await(UUID searchId, int seen, Duration timeout) throws InterruptedException {
        return outcomes(redis.awaitNumberedAfter(key(searchId), seen, MAX_READ, timeout));
    }

    private static List<StoreOutcome> outcomes(List<StreamMessage<String, String>> entries) {
        List<StoreOutcome> outcomes = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            var body = entry.getBody();
            outcomes.add(new StoreOutcome(body.get("v"), EventCodec.readResult(body.get("type"), body.get("d")),
                    Duration.ofMillis(Long.parseLong(body.get("ms")))));
        }
        return outcomes;
    }
}
