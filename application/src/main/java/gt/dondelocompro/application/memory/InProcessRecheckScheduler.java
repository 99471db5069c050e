package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.RecheckScheduler;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The scheduler of one process without a database: tasks live in memory and are lost at restart. One timer thread
 * times them; each run happens on a virtual thread, and a task is timed again only after its run, so no task runs
 * twice at once.
 */
public final class InProcessRecheckScheduler implements RecheckScheduler {

    private static final System.Logger LOG = System.getLogger(InProcessRecheckScheduler.class.getName());
    private static final Duration AFTER_A_FAILURE = Duration.ofMinutes(1);

    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("alerts-scheduler").daemon(true).factory());
    private final Map<String, ScheduledFuture<?>> tasks = new ConcurrentHashMap<>();
    private final Map<String, Instant> pendingTracks = new ConcurrentHashMap<>();
    private volatile Function<String, Optional<Instant>> recheck;
    private volatile boolean closed;

    public InProcessRecheckScheduler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InProcessRecheckScheduler() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized void start(Function<String, Optional<Instant>> recheck, List<PeriodicJob> jobs) {
        if (this.recheck != null) {
            throw new IllegalStateException("already started");
        }
        this.recheck = Objects.requireNonNull(recheck, "recheck");
        for (PeriodicJob job : jobs) {
            every(job);
        }
        pendingTracks.forEach(this::track);
        pendingTracks.clear();
    }

    private void every(PeriodicJob job) {
        if (closed) {
            return;
        }
        timer.schedule(() -> Thread.ofVirtual().name("job-" + job.name()).start(() -> {
            try {
                job.run().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "job " + job.name() + " failed", e);
            } finally {
                every(job);
            }
        }), job.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void track(String targetKey, Instant firstCheck) {
        if (closed) {
            return;
        }
        if (recheck == null) {
            pendingTracks.putIfAbsent(targetKey, firstCheck);
            return;
        }
        if (tasks.containsKey(targetKey)) {
            return;
        }
        schedule(targetKey, firstCheck);
    }

    private void schedule(String key, Instant at) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        tasks.put(key, timer.schedule(() -> Thread.ofVirtual().name("recheck-" + key).start(() -> run(key)), delay, TimeUnit.MILLISECONDS));
    }

    private void run(String key) {
        Optional<Instant> next;
        try {
            next = recheck.apply(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "re-check of " + key + " failed", e);
            next = Optional.of(clock.instant().plus(AFTER_A_FAILURE));
        }
        synchronized (this) {
            if (next.isPresent() && !closed) {
                schedule(key, next.get());
            } else {
                tasks.remove(key);
            }
        }
    }

    /** The targets tracked now, for tests and health. */
    public int tracked() {
        return tasks.size();
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
    }
}
