package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import gt.dondelocompro.domain.SearchSnapshot;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the header row of each search as it starts ({@code running}), in the background on one virtual thread,
 * so that a crash leaves a trace the next start-up marks interrupted. It is insurance, not the record: one
 * attempt per header, and while the store of record is unreachable the queued headers are dropped (counted and
 * logged), since the finished save writes the whole search anyway. Submitting never blocks nor throws.
 */
public final class StartedSearchWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StartedSearchWriter.class.getName());
    /** Headers waiting at most; beyond it they are dropped, the finished saves still come. */
    static final int MAX_WAITING = 1_000;

    private final SearchRepository searches;
    private final RolloutPolicy rollout;
    private final LinkedBlockingQueue<SearchSnapshot> queue = new LinkedBlockingQueue<>(MAX_WAITING);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean accepting = true;

    public StartedSearchWriter(SearchRepository searches, RolloutPolicy rollout) {
        this.searches = Objects.requireNonNull(searches, "searches");
        this.rollout = Objects.requireNonNull(rollout, "rollout");
        this.worker = Thread.ofVirtual().name("started-search-writer").start(this::work);
    }

    /** Queues the header of a search that has just started, unless the rollout leaves the search out. */
    public void submit(SearchSnapshot started) {
        if (!accepting || !rollout.shouldRecord(started.id())) {
            return;
        }
        if (!queue.offer(started)) {
            dropped.incrementAndGet();
            LOG.log(Level.WARNING, "header of search {0} not written: {1} wait already", started.id(), MAX_WAITING);
        }
    }

    /** Headers written so far. */
    public long written() {
        return written.get();
    }

    /** Headers not written (store of record unreachable, or too many waiting): a crash would lose those searches. */
    public long dropped() {
        return dropped.get();
    }

    private void work() {
        while (accepting || !queue.isEmpty()) {
            SearchSnapshot next;
            try {
                next = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next != null) {
                write(next);
            }
        }
    }

    private void write(SearchSnapshot started) {
        try {
            searches.saveStarted(started);
            written.incrementAndGet();
        } catch (StoreOfRecordUnavailableException down) {
            List<SearchSnapshot> behind = new ArrayList<>();
            queue.drainTo(behind);
            dropped.addAndGet(1 + behind.size());
            LOG.log(Level.WARNING, "{0} search headers not written, the store of record is unreachable: {1}",
                    1 + behind.size(), down.getMessage());
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            LOG.log(Level.WARNING, "header of search " + started.id() + " not written", e);
        }
    }

    /** Writes what is queued for at most a second, then stops; the finished saves cover the rest. */
    @Override
    public void close() {
        accepting = false;
        try {
            if (!worker.join(java.time.Duration.ofSeconds(1))) {
                worker.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
