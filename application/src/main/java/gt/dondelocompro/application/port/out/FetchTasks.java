package gt.dondelocompro.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * The dispatch of store fetches to workers: a task is added once and taken by one worker, which acknowledges it
 * when the store's outcome is published. A task taken but not acknowledged within the visibility timeout (its
 * worker died) is given to another worker; a task whose deadline passed is dropped, never handed out late. One
 * process keeps the queue in memory; many instances share it (a Redis stream with a consumer group). Every method
 * may throw {@link SharedStateUnavailableException}.
 */
public interface FetchTasks {

    void add(FetchTask task);

    /**
     * The next task for {@code worker}: first one whose worker let its visibility timeout pass, else a new one,
     * waiting up to {@code wait}; empty when none came in time.
     */
    Optional<Taken> take(String worker, Duration wait) throws InterruptedException;

    /**
     * The worker still runs the task: its visibility timeout counts again from now. A worker calls this while the
     * store is slow (every third of the timeout), so that only a worker that died loses its task.
     */
    void keep(Taken taken);

    /** The task is done: it is not handed out again. */
    void ack(Taken taken);

    /** How many tasks were dropped because their deadline passed before a worker took them. */
    long dropped();

    /**
     * A task handed to {@code worker}: {@code receipt} identifies the task to keep and acknowledge, {@code deliveries}
     * counts them (from 1).
     */
    record Taken(String receipt, FetchTask task, int deliveries, String worker) {
    }
}
