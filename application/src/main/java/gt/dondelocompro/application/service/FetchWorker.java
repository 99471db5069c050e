package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.FetchTask;
import gt.dondelocompro.application.port.out.FetchTasks;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreOutcome;
import gt.dondelocompro.application.port.out.StoreOutcomes;
import gt.dondelocompro.application.port.out.StoreRequest;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchQuery;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs store fetches for the searches of every instance ({@code DLC_ROLE} {@code all} or {@code worker}): takes a
 * task from the shared {@link FetchTasks}, asks the store on a virtual thread of its own (at most
 * {@code maxInFlight} at once), delivers the store's answer to the search through {@link StoreOutcomes} and
 * acknowledges the task. While a store is slow the worker keeps its task (so only a worker that died loses it to
 * another after the visibility timeout); a task past its deadline is never taken (the queue drops it), and a store
 * that is still being asked when the deadline passes is cut off, its answer no longer wanted. Redis that does not
 * answer stops nothing: the worker tries again every half second.
 */
public final class FetchWorker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FetchWorker.class.getName());
    private static final Duration TAKE_WAIT = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final String name;
    private final Map<String, Store> stores;
    private final FetchTasks tasks;
    private final StoreOutcomes outcomes;
    private final Clock clock;
    private final Duration keepEvery;
    private final Semaphore slots;
    private final ExecutorService running = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, FetchTasks.Taken> held = new ConcurrentHashMap<>();
    private final AtomicLong ran = new AtomicLong();
    private final Thread taker;
    private final Thread keeper;
    private volatile boolean closed;

    /**
     * A worker called {@code name} (unique among all instances) for {@code stores} (by their vendor id), taking
     * tasks from {@code tasks} and keeping each one it runs every {@code keepEvery} (a third of the queue's
     * visibility timeout).
     */
    public FetchWorker(String name, List<? extends Store> stores, FetchTasks tasks, StoreOutcomes outcomes, Clock clock,
                       int maxInFlight, Duration keepEvery) {
        this.name = Objects.requireNonNull(name, "name");
        this.stores = stores.stream().collect(Collectors.toUnmodifiableMap(s -> s.vendor().id(), Function.identity(), (a, b) -> a));
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.slots = new Semaphore(maxInFlight);
        this.keepEvery = Objects.requireNonNull(keepEvery, "keepEvery");
        this.taker = Thread.ofVirtual().name("fetch-worker-" + name).start(this::takeTasks);
        this.keeper = Thread.ofVirtual().name("fetch-worker-keep-" + name).start(this::keepHeld);
    }

    /** The worker's name, as the queue knows it. */
    public String name() {
        return name;
    }

    /** How many tasks this worker ran to the end (delivered and acknowledged). */
    public long tasksRun() {
        return ran.get();
    }

    private void takeTasks() {
        int failing = 0;
        while (!closed) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Optional<FetchTasks.Taken> next;
            try {
                next = tasks.take(name, TAKE_WAIT);
            } catch (SharedStateUnavailableException e) {
                slots.release();
                LOG.log(Level.DEBUG, "worker {0}: no tasks, Redis does not answer: {1}", name, e.getMessage());
                if (!SearchService.pause(RETRY)) {
                    return;
                }
                continue;
            } catch (InterruptedException e) {
                slots.release();
                return;
            } catch (RuntimeException e) {
                slots.release();
                // once per run of failures: the same failure every half second says nothing new
                if (failing++ == 0) {
                    LOG.log(Level.WARNING, "worker " + name + ": taking a task failed (tried again every "
                            + RETRY.toMillis() + " ms, logged again once it worked)", e);
                }
                if (!SearchService.pause(RETRY)) {
                    return;
                }
                continue;
            }
            failing = 0;
            if (next.isEmpty()) {
                slots.release();
                continue;
            }
            FetchTasks.Taken taken = next.get();
            try {
                running.execute(() -> {
                    try {
                        run(taken);
                    } finally {
                        slots.release();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                slots.release();
                return; // not acknowledged: another worker takes it after the visibility timeout
            }
        }
    }

    private void run(FetchTasks.Taken taken) {
        FetchTask task = taken.task();
        Store store = stores.get(task.vendorId());
        held.put(taken.receipt(), taken);
        try {
            StoreResult result;
            Instant started = clock.instant();
            if (store == null) {
                result = new StoreResult.Failure(FailureKind.PARSE, "the worker " + name + " has no store '" + task.vendorId()
                        + "' (the instances' store catalogs differ)");
            } else {
                StoreRequest request = new StoreRequest(SearchQuery.of(task.query()), task.maxResults(), task.deadline(),
                        () -> clock.instant().isBefore(task.deadline()));
                try {
                    result = SearchService.ask(store, request);
                } catch (InterruptedException e) {
                    return; // the worker is closing: not acknowledged, so another worker takes the task
                }
            }
            StoreOutcome outcome = new StoreOutcome(task.vendorId(), result, Duration.between(started, clock.instant()));
            if (deliver(task, outcome)) {
                quietly(() -> tasks.ack(taken));
                ran.incrementAndGet();
            }
        } finally {
            held.remove(taken.receipt());
        }
    }

    /** Delivers until it is taken or the task's deadline passed (the search no longer waits for it then). */
    private boolean deliver(FetchTask task, StoreOutcome outcome) {
        while (true) {
            try {
                outcomes.deliver(task.searchId(), outcome);
                return true;
            } catch (SharedStateUnavailableException e) {
                if (!clock.instant().isBefore(task.deadline()) || !SearchService.pause(Duration.ofMillis(200))) {
                    LOG.log(Level.INFO, "worker {0}: the answer of {1} for search {2} could not be delivered, Redis does not answer",
                            name, task.vendorId(), task.searchId());
                    return false;
                }
            }
        }
    }

    /** Keeps every task this worker is running, so that none goes to another worker while its store is only slow. */
    private void keepHeld() {
        while (!closed) {
            if (!SearchService.pause(keepEvery)) {
                return;
            }
            for (FetchTasks.Taken taken : held.values()) {
                quietly(() -> tasks.keep(taken));
            }
        }
    }

    private void quietly(Runnable call) {
        try {
            call.run();
        } catch (SharedStateUnavailableException e) {
            LOG.log(Level.DEBUG, "worker {0}: Redis does not answer: {1}", name, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "worker " + name + ": a call to the task queue failed", e);
        }
    }

    /**
     * Stops taking tasks and waits up to {@code grace} for the running ones; those still running then are cut off
     * unacknowledged (another worker takes them, if their deadline allows).
     */
    public void close(Duration grace) {
        closed = true;
        taker.interrupt();
        running.shutdown();
        try {
            if (!running.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
                running.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keeper.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
