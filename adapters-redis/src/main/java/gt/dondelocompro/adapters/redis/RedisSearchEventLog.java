package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.SearchEventLog;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A search's event log as a Redis stream whose entry ids are {@code <sequence>-0}, so that replay from any sequence
 * is {@code XRANGE} and waiting for the next ones {@code XREAD BLOCK}. Appending is one script: the next sequence
 * after the last entry, refused when the last entry is terminal, and the stream's expiry set again to the retention.
 */
final class RedisSearchEventLog implements SearchEventLog {

    private static final String APPEND = """
            local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local seq = 1
            if #last > 0 then
              local fields = last[1][2]
              for i = 1, #fields, 2 do
                if fields[i] == 't' and fields[i + 1] == '1' then return -1 end
              end
              seq = tonumber(string.match(last[1][1], '^(%d+)')) + 1
            end
            redis.call('XADD', KEYS[1], seq .. '-0', 'n', ARGV[2], 'a', ARGV[3], 'd', ARGV[4], 't', ARGV[5])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return seq
            """;

    private final RedisSharedState redis;
    private final Duration retention;

    RedisSearchEventLog(RedisSharedState redis, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.redis = redis;
        this.retention = retention;
    }

    private String key(UUID searchId) {
        return redis.key("events", searchId.toString());
    }

    @Override
    public Optional<RecordedEvent> append(UUID searchId, Instant at, SearchEvent event) {
        Long sequence = redis.call(c -> c.<Long>eval(APPEND, ScriptOutputType.INTEGER, new String[]{key(searchId)},
                Long.toString(retention.toMillis()), event.name(), at.toString(), EventCodec.write(event),
                event.isTerminal() ? "1" : "0"));
        return sequence == null || sequence < 1 ? Optional.empty() : Optional.of(new RecordedEvent(sequence, at, event));
    }

    @Override
    public List<RecordedEvent> read(UUID searchId, long afterSequence, int max) {
        return recorded(redis.numberedAfter(key(searchId), afterSequence, max));
    }

    @Override
    public List<RecordedEvent> await(UUID searchId, long afterSequence, int max, Duration timeout) throws InterruptedException {
        return recorded(redis.awaitNumberedAfter(key(searchId), afterSequence, max, timeout));
    }

    @Override
    public boolean exists(UUID searchId) {
        Long n = redis.call(c -> c.exists(key(searchId)));
        return n != null && n > 0;
    }

    private static List<RecordedEvent> recorded(List<StreamMessage<String, String>> entries) {
        List<RecordedEvent> events = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            long sequence = Long.parseLong(entry.getId().substring(0, entry.getId().indexOf('-')));
            var body = entry.getBody();
            events.add(new RecordedEvent(sequence, Instant.parse(body.get("a")), EventCodec.read(body.get("n"), body.get("d"))));
        }
        return events;
    }
}
