package gt.dondelocompro.application.service;

import gt.dondelocompro.application.memory.InMemoryDeadLetterRepository;
import gt.dondelocompro.application.memory.NoDatabase;
import gt.dondelocompro.application.port.in.RecorderStats;
import gt.dondelocompro.application.port.out.DeadLetterRepository;
import gt.dondelocompro.application.port.out.PersistenceHealth;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.UnsaveableDataException;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchSnapshot;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * "Search first, save later": finished searches are queued and saved in the background, one transaction
 * each, by one virtual thread. A failing store of record is retried with exponential backoff; nothing
 * accepted is dropped silently: what cannot be saved is counted as failed and logged. Submitting never
 * blocks nor throws, so recording can never delay or fail a shopper's search.
 * <p>
 * Bad data is never retried, so it never holds up the searches behind it (issue 10): offers the schema
 * cannot hold ({@link ProductKey#storageProblems}) are left out before saving; when the store of record
 * still refuses the search ({@link UnsaveableDataException}), it is saved without any offer; when it
 * refuses even that, the whole search is set aside in the {@link DeadLetterRepository}. Each offer left out
 * is counted and logged with its reason.
 */
public final class SearchRecorder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SearchRecorder.class.getName());

    private final FinishedSearchWriter writer;
    private final RolloutPolicy rollout;
    private final RetryPolicy retry;
    private final DeadLetterRepository deadLetters;
    private final PersistenceHealth health;
    /** Searches waiting at most, so that a long database outage cannot exhaust memory. */
    public static final int DEFAULT_MAX_BACKLOG = 10_000;

    private final LinkedBlockingQueue<SearchSnapshot> queue;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong offersDropped = new AtomicLong();
    /**
     * Accepted and not yet saved nor given up on: counted before a search enters the queue and uncounted
     * only after it is saved or counted as failed, so a search the worker has in hand is never missed.
     * The backlog, idleness and the shutdown drain all read this one count.
     */
    private final AtomicLong pending = new AtomicLong();
    /** The ids of the searches accepted and not yet saved or given up on. */
    private final Set<UUID> unsaved = ConcurrentHashMap.newKeySet();
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition progress = idleLock.newCondition();
    private final Thread worker;
    private volatile boolean accepting = true;

    /** A recorder that sets refused searches aside in memory. */
    public SearchRecorder(FinishedSearchWriter writer, RolloutPolicy rollout, RetryPolicy retry) {
        this(writer, new InMemoryDeadLetterRepository(), rollout, retry, DEFAULT_MAX_BACKLOG);
    }

    /** A recorder that sets refused searches aside in memory. */
    public SearchRecorder(FinishedSearchWriter writer, RolloutPolicy rollout, RetryPolicy retry, int maxBacklog) {
        this(writer, new InMemoryDeadLetterRepository(), rollout, retry, maxBacklog);
    }

    public SearchRecorder(FinishedSearchWriter writer, DeadLetterRepository deadLetters, RolloutPolicy rollout,
                          RetryPolicy retry, int maxBacklog) {
        this(writer, deadLetters, rollout, retry, maxBacklog, new NoDatabase());
    }

    /**
     * {@code health} tells, cheaply, whether the store of record answers: while it does not, no attempt is spent
     * (each would take its connection timeout to fail), and the first retry follows its return at once.
     */
    public SearchRecorder(FinishedSearchWriter writer, DeadLetterRepository deadLetters, RolloutPolicy rollout,
                          RetryPolicy retry, int maxBacklog, PersistenceHealth health) {
        if (maxBacklog < 1) {
            throw new IllegalArgumentException("maxBacklog must be positive");
        }
        this.queue = new LinkedBlockingQueue<>(maxBacklog);
        this.writer = Objects.requireNonNull(writer, "writer");
        this.rollout = Objects.requireNonNull(rollout, "rollout");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.health = Objects.requireNonNull(health, "health");
        this.worker = Thread.ofVirtual().name("search-recorder").start(this::work);
    }

    /** Queues a finished search for saving, unless the rollout leaves it out. */
    public void submit(SearchSnapshot search) {
        if (!rollout.shouldRecord(search.id())) {
            skipped.incrementAndGet();
            return;
        }
        if (!accepting) {
            failed.incrementAndGet();
            LOG.log(Level.ERROR, "search {0} finished after the recorder was closed; it is not saved", search.id());
            return;
        }
        queued.incrementAndGet();
        pending.incrementAndGet();
        unsaved.add(search.id());
        if (!queue.offer(search)) {
            gaveUp(search, queue.size() + " searches already wait to be saved (is the database down?)");
            return;
        }
        // close() may have begun after the check above; the worker stops only once pending is 0, so it
        // either takes this search itself or finds it removed here, and it is counted exactly once
        if (!accepting && queue.remove(search)) {
            gaveUp(search, "it arrived while the recorder was closing");
        }
    }

    private void gaveUp(SearchSnapshot search, String why) {
        failed.incrementAndGet();
        LOG.log(Level.ERROR, "search {0} was not saved: {1}", search.id(), why);
        done(search);
    }

    private void done(SearchSnapshot search) {
        unsaved.remove(search.id());
        pending.decrementAndGet();
        signalProgress();
    }

    /**
     * True while the search was accepted for saving and is neither saved nor given up on: the store of record does
     * not have it yet, so its copy in memory is the only one to read.
     */
    public boolean waitsToBeSaved(UUID searchId) {
        return unsaved.contains(searchId);
    }

    public RecorderStats stats() {
        return new RecorderStats(queued.get(), saved.get(), pending.get(), retrying.get(), failed.get(), skipped.get(),
                deadLettered.get(), offersDropped.get());
    }

    private void work() {
        while (true) {
            if (!accepting && pending.get() == 0) {
                return;
            }
            SearchSnapshot next;
            try {
                // short polls once closing: a submit between counting and queueing is about to show up
                next = queue.poll(accepting ? 100 : 1, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (next == null) {
                continue;
            }
            try {
                saveWithRetries(next);
                done(next);
            } catch (InterruptedException e) {
                gaveUp(next, "the recorder was stopped while retrying");
                break;
            }
        }
        // stopped by close() after its grace; submits still racing remove their own search (see submit)
        List<SearchSnapshot> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(search -> gaveUp(search, "the recorder stopped before reaching it"));
    }

    /** What the recorder tries for one search: saving it with some offers left out, or setting it aside. */
    private sealed interface Step {
    }

    /** Save {@code search}, which leaves out the original's offers described in {@code dropped}. */
    private record Save(SearchSnapshot search, List<String> dropped) implements Step {
    }

    private record SetAside(SearchSnapshot search, String reason) implements Step {
    }

    /**
     * Saves the search, retrying with backoff while the store of record fails for a reason that may pass
     * (unreachable, timed out); when it refuses the data, goes straight to the next step instead.
     */
    private void saveWithRetries(SearchSnapshot search) throws InterruptedException {
        Step step;
        try {
            step = withoutUnstorableOffers(search);
        } catch (RuntimeException bug) {
            // checking must never stop the worker: save the search as it is, the store of record judges it
            LOG.log(Level.ERROR, "checking the offers of search " + search.id() + " failed; saving it unchecked", bug);
            step = new Save(search, List.of());
        }
        boolean countedRetrying = false;
        try {
            for (int failures = 0; ; ) {
                boolean downBefore = health.enabled() && !health.reachable();
                try {
                    perform(step);
                    return;
                } catch (UnsaveableDataException refused) {
                    step = nextStep(search, step, refused);
                    if (step == null) {
                        failed.incrementAndGet();
                        LOG.log(Level.ERROR, "search " + search.id() + " was refused even as a dead letter; it is not saved", refused);
                        return;
                    }
                } catch (RuntimeException e) {
                    failures++;
                    if (!countedRetrying) {
                        retrying.incrementAndGet();
                        countedRetrying = true;
                    }
                    if (failures >= retry.maxAttempts()) {
                        failed.incrementAndGet();
                        LOG.log(Level.ERROR, "search " + search.id() + " could not be saved after " + failures + " attempts; giving up", e);
                        return;
                    }
                    Duration backoff = retry.backoffAfter(failures);
                    LOG.log(Level.WARNING, "saving search {0} failed (attempt {1}): {2}; retrying in {3} ms",
                            search.id(), failures, e.toString(), backoff.toMillis());
                    awaitRetry(backoff, downBefore);
                }
            }
        } finally {
            if (countedRetrying) {
                retrying.decrementAndGet();
            }
        }
    }

    /** How often the wait before a retry looks at the store of record's health. */
    private static final Duration HEALTH_POLL = Duration.ofMillis(50);

    /**
     * Waits out {@code backoff}, or longer while the store of record does not answer; once it answers again after
     * having been down (also when it was down as the failed attempt began), returns at once, so saving resumes
     * within a probe's interval of its return.
     */
    private void awaitRetry(Duration backoff, boolean downBefore) throws InterruptedException {
        long end = System.nanoTime() + backoff.toNanos();
        boolean wasDown = downBefore;
        while (true) {
            boolean up = !health.enabled() || health.reachable();
            if (up && (wasDown || System.nanoTime() >= end)) {
                return;
            }
            wasDown |= !up;
            long left = end - System.nanoTime();
            Thread.sleep(up ? Duration.ofNanos(Math.max(0, Math.min(left, HEALTH_POLL.toNanos()))) : HEALTH_POLL);
        }
    }

    private void perform(Step step) {
        switch (step) {
            case Save save -> {
                writer.save(save.search());
                saved.incrementAndGet();
                if (!save.dropped().isEmpty()) {
                    offersDropped.addAndGet(save.dropped().size());
                    LOG.log(Level.WARNING, "search {0} saved without {1} of its offers: {2}", save.search().id(),
                            save.dropped().size(), String.join("; ", save.dropped()));
                }
            }
            case SetAside aside -> {
                deadLetters.save(aside.search(), aside.reason());
                deadLettered.incrementAndGet();
                LOG.log(Level.ERROR, "search {0} was refused even without offers and is set aside as a dead letter: {1}",
                        aside.search().id(), aside.reason());
            }
        }
    }

    /** The first step: the search without the offers the schema cannot hold, each described with its reasons. */
    private static Save withoutUnstorableOffers(SearchSnapshot search) {
        List<Offer> offers = search.offers();
        Set<Integer> bad = new LinkedHashSet<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            List<String> problems = ProductKey.storageProblems(offers.get(i));
            if (!problems.isEmpty()) {
                bad.add(i);
                dropped.add(describe(offers.get(i)) + ": " + String.join(", ", problems));
            }
        }
        return new Save(search.withoutOffersAt(bad), List.copyOf(dropped));
    }

    /** After a refusal: without any offer, then set aside; null when even that was refused. */
    private static Step nextStep(SearchSnapshot original, Step refusedStep, UnsaveableDataException refusal) {
        String reason = refusal.getMessage() == null ? refusal.toString() : refusal.getMessage();
        return switch (refusedStep) {
            case Save save when !save.search().offers().isEmpty() -> {
                LOG.log(Level.WARNING, "search {0} was refused ({1}); saving it without its offers", original.id(), reason);
                List<String> dropped = new ArrayList<>(save.dropped());
                save.search().offers().forEach(o -> dropped.add(describe(o) + ": refused with the search (" + reason + ")"));
                yield new Save(original.withoutOffersAt(Set.copyOf(IntStream.range(0, original.offers().size()).boxed().toList())),
                        List.copyOf(dropped));
            }
            case Save save -> new SetAside(original, reason);
            case SetAside aside -> null;
        };
    }

    private static String describe(Offer offer) {
        String id = offer.vendorProductId() == null ? offer.url() : offer.vendorProductId();
        return "offer " + offer.vendorId() + "/" + (id.length() > 60 ? id.substring(0, 60) + "…" : id);
    }

    private void signalProgress() {
        idleLock.lock();
        try {
            progress.signalAll();
        } finally {
            idleLock.unlock();
        }
    }

    /** Waits until everything queued so far has been saved or given up on; true when that happened in time. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        idleLock.lock();
        try {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } finally {
            idleLock.unlock();
        }
    }

    /**
     * Stops accepting, then flushes the backlog for at most {@code grace}; whatever is still unsaved after
     * that is counted as failed and logged. Returns true when everything accepted was saved or given up on
     * within the grace.
     */
    public boolean close(Duration grace) {
        accepting = false;
        try {
            worker.join(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        return true;
    }

    /** Flushes with a grace of 30 seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
