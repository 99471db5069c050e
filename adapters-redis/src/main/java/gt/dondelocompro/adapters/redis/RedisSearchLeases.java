package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.SearchLeases;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Search leases as one sorted set, each search scored by when its lease runs out. A run-out lease goes to the
 * caller whose ZREM removed it: of several takers, exactly one.
 */
final class RedisSearchLeases implements SearchLeases {

    private final RedisSharedState redis;

    RedisSearchLeases(RedisSharedState redis) {
        this.redis = redis;
    }

    private String key() {
        return redis.key("leases");
    }

    @Override
    public void hold(UUID searchId, Instant until) {
        redis.call(c -> c.zadd(key(), (double) until.toEpochMilli(), searchId.toString()));
    }

    @Override
    public boolean held(UUID searchId) {
        return redis.call(c -> c.zscore(key(), searchId.toString())) != null;
    }

    @Override
    public void release(UUID searchId) {
        redis.call(c -> c.zrem(key(), searchId.toString()));
    }

    @Override
    public List<UUID> takeExpired(Instant now, int max) {
        List<String> expired = redis.call(c -> c.zrangebyscore(key(),
                Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli() - 1), Limit.create(0, max)));
        List<UUID> taken = new ArrayList<>();
        for (String id : expired) {
            if (redis.call(c -> c.zrem(key(), id)) == 1L) {
                taken.add(UUID.fromString(id));
            }
        }
        return taken;
    }
}
