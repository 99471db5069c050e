package gt.dondelocompro.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the alerts' background work: one re-check task per tracked target, and a few periodic jobs (delivering the
 * outbox, rolling up old prices, re-running popular queries). A durable implementation keeps its tasks in the store
 * of record and runs each due task on exactly one instance; the in-process one loses them at restart.
 */
public interface RecheckScheduler extends AutoCloseable {

    /**
     * Starts running: {@code recheck} is called with a target key when its task is due and answers when the next check
     * is due (empty: stop tracking that target); the jobs run every {@link PeriodicJob#every()}.
     */
    void start(Function<String, Optional<Instant>> recheck, List<PeriodicJob> jobs);

    /** Makes sure {@code targetKey} is re-checked, first at {@code firstCheck}; a target already tracked keeps its time. */
    void track(String targetKey, Instant firstCheck);

    /** Whether tasks survive a restart. */
    boolean durable();

    @Override
    void close();

    /** A job run every {@code every}, on one instance at a time. */
    record PeriodicJob(String name, Duration every, Runnable run) {
    }
}
