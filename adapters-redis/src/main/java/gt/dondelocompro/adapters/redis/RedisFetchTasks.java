package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.FetchTask;
import gt.dondelocompro.application.port.out.FetchTasks;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Fetch tasks as one Redis stream read by one consumer group: {@code XADD} adds, {@code XREADGROUP} hands a new one to
 * one worker, {@code XAUTOCLAIM} hands one whose worker kept it past the visibility timeout to another, and
 * {@code XACK} plus {@code XDEL} end it. A task past its deadline when it comes up is acknowledged and counted as
 * dropped instead of handed out. The receipt is the entry's id. Delivery is at least once: a worker that was only
 * slow, not dead, may finish a task another one claimed.
 */
final class RedisFetchTasks implements FetchTasks {

    private static final String GROUP = "workers";
    /** Resets the entry's idle time, only while the worker asking still holds it (another may have claimed it). */
    private static final String KEEP = """
            local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
            if #p == 0 or p[1][2] ~= ARGV[2] then return 0 end
            redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
            return 1
            """;

    private final RedisSharedState redis;
    private final Duration visibilityTimeout;
    private final String stream;
    private final String droppedKey;
    private volatile boolean groupReady;

    RedisFetchTasks(RedisSharedState redis, Duration visibilityTimeout) {
        this.redis = redis;
        this.visibilityTimeout = visibilityTimeout;
        this.stream = redis.key("tasks");
        this.droppedKey = redis.key("tasks", "dropped");
    }

    /** The group, from the stream's start, so that tasks added before any worker came are taken too. */
    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            redis.call(c -> c.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), GROUP, XGroupCreateArgs.Builder.mkstream()));
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    @Override
    public void add(FetchTask task) {
        ensureGroup();
        redis.call(c -> c.xadd(stream, Map.of(
                "search_id", task.searchId().toString(),
                "vendor_id", task.vendorId(),
                "query", task.query(),
                "max_results", Integer.toString(task.maxResults()),
                "deadline", task.deadline().toString())));
    }

    @Override
    public Optional<Taken> take(String worker, Duration wait) throws InterruptedException {
        ensureGroup();
        Consumer<String> consumer = Consumer.from(GROUP, worker);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Taken> next = claimAbandoned(consumer);
            if (next.isEmpty()) {
                long left = deadline - System.nanoTime();
                Duration block = Duration.ofNanos(Math.max(1_000_000, Math.min(left, RedisSharedState.MAX_BLOCK.toNanos())));
                List<StreamMessage<String, String>> fresh = redis.blocking(c -> c.xreadgroup(consumer,
                        XReadArgs.Builder.block(block.toMillis()).count(1), XReadArgs.StreamOffset.lastConsumed(stream)), block);
                if (fresh != null && !fresh.isEmpty()) {
                    next = onTime(fresh.getFirst(), 1, worker);
                }
            }
            if (next.isPresent()) {
                return next;
            }
            if (deadline - System.nanoTime() <= 0) {
                return Optional.empty();
            }
        }
    }

    /** A task some worker took and did not acknowledge within the visibility timeout, now this worker's. */
    private Optional<Taken> claimAbandoned(Consumer<String> consumer) {
        while (true) {
            ClaimedMessages<String, String> claimed = redis.call(c -> c.xautoclaim(stream,
                    XAutoClaimArgs.Builder.xautoclaim(consumer, visibilityTimeout, "0-0").count(1)));
            if (claimed == null || claimed.getMessages().isEmpty()) {
                return Optional.empty();
            }
            StreamMessage<String, String> message = claimed.getMessages().getFirst();
            List<PendingMessage> pending = redis.call(c -> c.xpending(stream, GROUP,
                    Range.create(message.getId(), message.getId()), Limit.from(1)));
            int deliveries = pending.isEmpty() ? 2 : (int) pending.getFirst().getRedeliveryCount();
            Optional<Taken> taken = onTime(message, deliveries, consumer.getName());
            if (taken.isPresent()) {
                return taken;
            }
        }
    }

    /** The task of this entry, or empty (and the entry ended, counted as dropped) when its deadline passed. */
    private Optional<Taken> onTime(StreamMessage<String, String> message, int deliveries, String worker) {
        Map<String, String> body = message.getBody();
        if (body == null || body.get("deadline") == null) {
            end(message.getId()); // deleted meanwhile
            return Optional.empty();
        }
        FetchTask task = new FetchTask(UUID.fromString(body.get("search_id")), body.get("vendor_id"), body.get("query"),
                Integer.parseInt(body.get("max_results")), Instant.parse(body.get("deadline")));
        if (!task.deadline().isAfter(Instant.now())) {
            end(message.getId());
            redis.call(c -> c.incr(droppedKey));
            return Optional.empty();
        }
        return Optional.of(new Taken(message.getId(), task, deliveries, worker));
    }

    private void end(String id) {
        redis.call(c -> {
            c.xack(stream, GROUP, id);
            return c.xdel(stream, id);
        });
    }

    @Override
    public void keep(Taken taken) {
        redis.call(c -> c.<Long>eval(KEEP, ScriptOutputType.INTEGER, new String[]{stream}, GROUP, taken.worker(), taken.receipt()));
    }

    @Override
    public void ack(Taken taken) {
        end(taken.receipt());
    }

    @Override
    public long dropped() {
        String n = redis.call(c -> c.get(droppedKey));
        return n == null ? 0 : Long.parseLong(n);
    }
}
