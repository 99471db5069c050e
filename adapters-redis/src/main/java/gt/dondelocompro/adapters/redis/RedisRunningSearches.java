package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.RunningSearches;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Running searches as one key per query key holding the search id, set only if absent, expiring with the claim. */
final class RedisRunningSearches implements RunningSearches {

    /** Set if absent, else the holder: in one step, so that a claim expiring in between cannot be missed. */
    private static final String CLAIM = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return ARGV[1]
            end
            return redis.call('GET', KEYS[1])
            """;
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedisSharedState redis;

    RedisRunningSearches(RedisSharedState redis) {
        this.redis = redis;
    }

    private String key(String queryKey) {
        return redis.key("running", queryKey);
    }

    @Override
    public UUID claim(String queryKey, UUID searchId, Duration ttl) {
        String holder = redis.call(c -> c.<String>eval(CLAIM, ScriptOutputType.VALUE, new String[]{key(queryKey)},
                searchId.toString(), Long.toString(Math.max(1, ttl.toMillis()))));
        return UUID.fromString(holder);
    }

    @Override
    public Optional<UUID> lookup(String queryKey) {
        return Optional.ofNullable(redis.call(c -> c.get(key(queryKey)))).map(UUID::fromString);
    }

    @Override
    public void release(String queryKey, UUID searchId) {
        redis.call(c -> c.<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[]{key(queryKey)}, searchId.toString()));
    }
}
