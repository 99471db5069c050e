package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.port.out.FetchTasks;
import gt.dondelocompro.application.port.out.HostGates;
import gt.dondelocompro.application.port.out.RateLimitCounters;
import gt.dondelocompro.application.port.out.RunningSearches;
import gt.dondelocompro.application.port.out.SearchEventLog;
import gt.dondelocompro.application.port.out.SharedStateHealth;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The connection to the Redis that many instances share, and the adapters of the shared ports on it. Every key
 * starts with the namespace (so that tests, or two deployments on one Redis, do not meet). Commands time out after
 * {@link #COMMAND_TIMEOUT} and fail at once while the connection is down, as {@link SharedStateUnavailableException}:
 * the core then does what it can alone. A background probe pings every second, reconnecting when Redis comes back
 * (also when it was down at start-up), so {@link #health()} answers at once. Blocking reads ({@code XREAD BLOCK},
 * {@code XREADGROUP BLOCK}) hold a connection of their own each, from a small pool of idle ones.
 */
public final class RedisSharedState implements AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** The longest one blocking read blocks: below the command timeout, and short enough to notice a close. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(1);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    private static final int IDLE_BLOCKING_CONNECTIONS = 32;
    private static final System.Logger LOG = System.getLogger(RedisSharedState.class.getName());

    private final RedisClient client;
    private final String namespace;
    private final String safeUrl;
    private final BlockingQueue<StatefulRedisConnection<String, String>> idleBlocking = new ArrayBlockingQueue<>(IDLE_BLOCKING_CONNECTIONS);
    private final Thread probe;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean reachable;
    private volatile boolean closed;
    private final java.util.Map<String, GateSignal> gateSignals = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile StatefulRedisPubSubConnection<String, String> gatesPubSub;
    private volatile long nextSubscribeAttempt = System.nanoTime();

    private RedisSharedState(String url, String namespace) {
        this.namespace = namespace;
        this.safeUrl = withoutSecrets(url);
        this.client = RedisClient.create(RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        tryConnect();
        this.probe = Thread.ofVirtual().name("redis-probe").start(this::probeLoop);
    }

    /**
     * Connects to {@code url} ({@code redis://host:port[/db]}, {@code rediss://} for TLS) with keys under
     * {@code namespace}. Redis need not answer yet: until it does, {@link #health()} says unreachable and every
     * command fails fast.
     */
    public static RedisSharedState connect(String url, String namespace) {
        if (!isRedisUrl(url)) {
            throw new IllegalArgumentException("must be a URL such as redis://host:6379, was '" + withoutSecrets(url) + "'");
        }
        if (namespace == null || namespace.isBlank() || namespace.contains(" ")) {
            throw new IllegalArgumentException("namespace must be a word, was '" + namespace + "'");
        }
        return new RedisSharedState(url, namespace);
    }

    /** Whether {@code url} is a Redis URL this adapter can use: {@code redis://} or {@code rediss://} with a host. */
    public static boolean isRedisUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                return false;
            }
            RedisURI.create(url);
            return uri.getHost() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The URL with any password replaced, for logs and messages. */
    public static String withoutSecrets(String url) {
        return url == null ? null : url.replaceAll("//[^@/]*@", "//****@");
    }

    public SearchEventLog eventLog(Duration retention) {
        return new RedisSearchEventLog(this, retention);
    }

    public RunningSearches runningSearches() {
        return new RedisRunningSearches(this);
    }

    public gt.dondelocompro.application.port.out.SearchLeases searchLeases() {
        return new RedisSearchLeases(this);
    }

    public HostGates hostGates() {
        return new RedisHostGates(this);
    }

    public FetchTasks fetchTasks(Duration visibilityTimeout) {
        return new RedisFetchTasks(this, visibilityTimeout);
    }

    public gt.dondelocompro.application.port.out.StoreOutcomes storeOutcomes(Duration retention) {
        return new RedisStoreOutcomes(this, retention);
    }

    public RateLimitCounters rateLimitCounters() {
        return new RedisRateLimitCounters(this);
    }

    /** Enabled, and reachable as the last probe found it. */
    public SharedStateHealth health() {
        return new SharedStateHealth() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public boolean reachable() {
                return reachable;
            }
        };
    }

    String key(String... parts) {
        return namespace + ":" + String.join(":", parts);
    }

    /**
     * The entries after the {@code after}-th of a stream whose entry ids are {@code <n>-0} (the n-th entry, as the
     * event logs and outcome lists number them), at most {@code max}, in order: {@code XRANGE}.
     */
    List<StreamMessage<String, String>> numberedAfter(String stream, long after, int max) {
        List<StreamMessage<String, String>> entries = call(c -> c.xrange(stream,
                Range.create((Math.max(0, after) + 1) + "-0", "+"), Limit.from(max)));
        return entries == null ? List.of() : entries;
    }

    /**
     * As {@link #numberedAfter}, but when there is nothing after {@code after} yet, waits up to {@code timeout} for
     * the next entries ({@code XREAD BLOCK}, at most {@link #MAX_BLOCK} at a time); empty when none came in time.
     */
    List<StreamMessage<String, String>> awaitNumberedAfter(String stream, long after, int max, Duration timeout)
            throws InterruptedException {
        List<StreamMessage<String, String>> ready = numberedAfter(stream, after, max);
        long deadline = System.nanoTime() + timeout.toNanos();
        String from = Math.max(0, after) + "-0";
        while (ready.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            Duration block = Duration.ofNanos(Math.min(left, MAX_BLOCK.toNanos()));
            List<StreamMessage<String, String>> entries = blocking(c -> c.xread(
                    XReadArgs.Builder.block(Math.max(1, block.toMillis())).count(max),
                    XReadArgs.StreamOffset.from(stream, from)), block);
            ready = entries == null ? List.of() : entries;
        }
        return ready;
    }

    /** The channel a host's gate release is published on (the message is the host), one per namespace. */
    String gateChannel() {
        return key("gate-released");
    }

    /**
     * Where this instance's waiters of {@code host}'s gate wait for a release anywhere: woken by the release channel
     * (subscribed the first time a gate is asked for, again later if Redis did not answer then).
     */
    GateSignal gateSignal(String host) {
        subscribeToGates();
        return gateSignals.computeIfAbsent(host, h -> new GateSignal());
    }

    /** Whether releases wake this instance's waiters (else they look again more often). */
    boolean subscribedToGates() {
        return gatesPubSub != null && gatesPubSub.isOpen();
    }

    private void subscribeToGates() {
        if (gatesPubSub != null || closed || !reachable || System.nanoTime() - nextSubscribeAttempt < 0) {
            return;
        }
        synchronized (gateSignals) {
            if (gatesPubSub != null || closed) {
                return;
            }
            nextSubscribeAttempt = System.nanoTime() + PROBE_INTERVAL.toNanos();
            StatefulRedisPubSubConnection<String, String> c = null;
            try {
                c = client.connectPubSub(StringCodec.UTF8);
                c.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String host) {
                        GateSignal signal = gateSignals.get(host);
                        if (signal != null) {
                            signal.wake();
                        }
                    }
                });
                c.sync().subscribe(gateChannel()); // Lettuce subscribes again after a reconnect
                gatesPubSub = c;
            } catch (RedisException e) {
                if (c != null) {
                    c.closeAsync();
                }
                LOG.log(Level.DEBUG, "gate releases not subscribed yet (waiters poll): {0}", e.getMessage());
            }
        }
    }

    /**
     * The waiters of one host's gate in this instance: a count of releases seen, and a condition to wait on (a lock,
     * not a monitor, so that waiting virtual threads never pin their carrier on JDK 21).
     */
    static final class GateSignal {
        private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        private final java.util.concurrent.locks.Condition released = lock.newCondition();
        private long generation;

        long generation() {
            lock.lock();
            try {
                return generation;
            } finally {
                lock.unlock();
            }
        }

        /**
         * One slot came free: one waiter looks again (each instance gets the message, so one per instance); the
         * others keep their poll, and a waiter between its look and its wait sees the count move and looks again.
         */
        void wake() {
            lock.lock();
            try {
                generation++;
                released.signal();
            } finally {
                lock.unlock();
            }
        }

        /** Waits up to {@code millis} unless a release came since {@code seen}. */
        void await(long seen, long millis) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                if (generation == seen) {
                    released.await(millis, TimeUnit.MILLISECONDS);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs {@code command} on the shared connection; Redis down or slow is {@link SharedStateUnavailableException}. */
    <T> T call(Function<RedisCommands<String, String>, T> command) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            throw new SharedStateUnavailableException("Redis at " + safeUrl + " is not connected", null);
        }
        failFastWhileUnreachable();
        try {
            return command.apply(c.sync());
        } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).startsWith("LOADING") || String.valueOf(e.getMessage()).startsWith("BUSY ")) {
                throw unavailable(e);
            }
            throw e;
        } catch (RedisCommandTimeoutException e) {
            timedOut();
            throw unavailable(e);
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    /**
     * While Redis is known not to answer (the last probe or command timed out), commands fail at once: a Redis that
     * hangs, its connections open, would otherwise cost every caller a whole command timeout, one after the other.
     * The probe, every second, says when it answers again.
     */
    private void failFastWhileUnreachable() {
        if (!reachable) {
            throw new SharedStateUnavailableException("Redis at " + safeUrl + " did not answer lately (checked every "
                    + PROBE_INTERVAL.toMillis() + " ms)", null);
        }
    }

    private void timedOut() {
        if (reachable) {
            reachable = false;
            LOG.log(Level.WARNING, "Redis at {0} did not answer within {1} ms: this instance works alone until it does",
                    safeUrl, COMMAND_TIMEOUT.toMillis());
        }
    }

    /**
     * Runs a blocking read on a connection of its own, waiting at most {@code block} plus the command timeout. An
     * interrupted wait closes that connection (Redis would keep it blocked) and rethrows.
     */
    <T> T blocking(Function<RedisAsyncCommands<String, String>, io.lettuce.core.RedisFuture<T>> command, Duration block)
            throws InterruptedException {
        failFastWhileUnreachable();
        StatefulRedisConnection<String, String> c = idleBlocking.poll();
        if (c == null || !c.isOpen()) {
            try {
                c = client.connect(StringCodec.UTF8);
            } catch (RedisException e) {
                throw unavailable(e);
            }
        }
        boolean reusable = false;
        try {
            T result = command.apply(c.async()).get(block.plus(COMMAND_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
            reusable = true;
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RedisCommandExecutionException exec && !String.valueOf(exec.getMessage()).startsWith("LOADING")) {
                reusable = true;
                throw exec;
            }
            throw unavailable(cause);
        } catch (TimeoutException e) {
            timedOut();
            throw unavailable(e);
        } catch (RedisException e) {
            throw unavailable(e);
        } finally {
            if (reusable && c.isOpen() && !closed && idleBlocking.offer(c)) {
                c = null;
            }
            if (c != null) {
                c.closeAsync();
            }
        }
    }

    private SharedStateUnavailableException unavailable(Throwable cause) {
        return new SharedStateUnavailableException("Redis at " + safeUrl + " does not answer: " + cause, cause);
    }

    private void tryConnect() {
        try {
            connection = client.connect(StringCodec.UTF8);
            reachable = true;
            LOG.log(Level.INFO, "connected to Redis at {0} (keys under {1}:)", safeUrl, namespace);
        } catch (RedisException e) {
            reachable = false;
            LOG.log(Level.WARNING, "Redis at {0} does not answer; this instance works alone until it does: {1}", safeUrl,
                    e.getMessage());
        }
    }

    private void probeLoop() {
        while (!closed) {
            try {
                Thread.sleep(PROBE_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            if (connection == null) {
                tryConnect();
                continue;
            }
            boolean now;
            try {
                now = "PONG".equals(connection.sync().ping());
            } catch (RedisException e) {
                now = false;
            }
            if (now != reachable) {
                LOG.log(now ? Level.INFO : Level.WARNING, now ? "Redis at {0} answers again: shared mode resumes"
                        : "Redis at {0} does not answer: this instance works alone until it does", safeUrl);
            }
            reachable = now;
        }
    }

    @Override
    public void close() {
        closed = true;
        probe.interrupt();
        StatefulRedisPubSubConnection<String, String> pubSub = gatesPubSub;
        if (pubSub != null) {
            pubSub.close();
        }
        for (StatefulRedisConnection<String, String> c = idleBlocking.poll(); c != null; c = idleBlocking.poll()) {
            c.close();
        }
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
