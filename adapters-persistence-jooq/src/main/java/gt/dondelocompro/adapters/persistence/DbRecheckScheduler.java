package gt.dondelocompro.adapters.persistence;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import gt.dondelocompro.application.port.out.RecheckScheduler;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The alerts' scheduler on PostgreSQL, with db-scheduler (https://github.com/kagkarlsson/db-scheduler): its tasks are
 * rows of {@code scheduled_tasks} (created by our migration V7), and an instance runs a due execution only after
 * claiming its row (an update on the row's version), so however many instances run, each due re-check and each
 * run of a job happens on exactly one. A re-check is one execution of the task {@value #RECHECK} per tracked target,
 * rescheduled by its own completion to the time the re-check answers; each periodic job is a recurring task with a
 * fixed delay. An instance that dies while running one leaves it to be taken over once its heartbeat is missed.
 */
public final class DbRecheckScheduler implements RecheckScheduler {

    static final String RECHECK = "dlc-recheck";
    static final String TABLE = "scheduled_tasks";

    private final DataSource dataSource;
    private final String instanceName;
    private final Duration pollingInterval;
    private final int threads;
    private final Map<String, Instant> beforeStart = new ConcurrentHashMap<>();
    private volatile Scheduler scheduler;
    private volatile CustomTask<Void> recheckTask;

    /**
     * {@code instanceName} tells instances apart in {@code picked_by}; due tasks are looked for every
     * {@code pollingInterval} (which bounds how late a job runs), on {@code threads} threads.
     */
    DbRecheckScheduler(DataSource dataSource, String instanceName, Duration pollingInterval, int threads) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
        this.pollingInterval = Objects.requireNonNull(pollingInterval, "pollingInterval");
        this.threads = threads;
    }

    @Override
    public synchronized void start(Function<String, Optional<Instant>> recheck, List<PeriodicJob> jobs) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        recheckTask = Tasks.custom(RECHECK, Void.class)
                .execute((instance, context) -> {
                    Optional<Instant> next = recheck.apply(instance.getId());
                    return next.<CompletionHandler<Void>>map(at -> (complete, operations) -> operations.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
        List<RecurringTask<Void>> recurring = jobs.stream()
                .map(job -> Tasks.recurring("dlc-" + job.name(), FixedDelay.of(job.every()))
                        .execute((instance, context) -> job.run().run()))
                .toList();
        scheduler = Scheduler.create(dataSource, recheckTask)
                .startTasks(recurring)
                .tableName(TABLE)
                .schedulerName(new SchedulerName.Fixed(instanceName))
                .pollingInterval(pollingInterval)
                .heartbeatInterval(Duration.ofSeconds(30))
                .threads(threads)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
        scheduler.start();
        beforeStart.forEach(this::track);
        beforeStart.clear();
    }

    @Override
    public void track(String targetKey, Instant firstCheck) {
        Scheduler s = scheduler;
        if (s == null) {
            beforeStart.putIfAbsent(targetKey, firstCheck);
            return;
        }
        // a target already tracked keeps its place in the interval
        s.scheduleIfNotExists(recheckTask.instance(targetKey), firstCheck);
    }

    /** When the target's next re-check is due; empty when it is not tracked. For tests and tools. */
    public Optional<Instant> nextCheck(String targetKey) {
        return scheduler.getScheduledExecution(recheckTask.instance(targetKey)).map(e -> e.getExecutionTime());
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
