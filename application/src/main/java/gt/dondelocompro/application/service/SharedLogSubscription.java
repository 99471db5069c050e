package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.out.SearchEventLog;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import gt.dondelocompro.domain.RecordedEvent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Follows a search another instance runs, through its shared event log: the events after the starting position,
 * then the live ones as they are appended, until the terminal event. A Redis that does not answer is waited out
 * (heartbeats go on); a log that expired meanwhile ends the stream.
 */
final class SharedLogSubscription implements EventSubscription {

    private static final int PAGE = 200;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

    private final SearchEventLog log;
    private final UUID searchId;
    private final java.util.function.BooleanSupplier expected;
    private final Deque<RecordedEvent> buffered = new ArrayDeque<>();
    private long position;
    private boolean finished;
    private volatile boolean closed;

    /** {@code expected} tells whether a log not there yet is still to come (its instance holds the search's lease). */
    SharedLogSubscription(SearchEventLog log, UUID searchId, long afterSequence, java.util.function.BooleanSupplier expected) {
        this.log = log;
        this.expected = expected;
        this.searchId = searchId;
        this.position = Math.max(0, afterSequence);
    }

    @Override
    public Optional<RecordedEvent> next(Duration timeout) throws InterruptedException {
        if (finished || closed) {
            return Optional.empty();
        }
        if (buffered.isEmpty() && !fill(timeout)) {
            return Optional.empty();
        }
        RecordedEvent next = buffered.poll();
        position = next.sequence();
        if (next.event().isTerminal()) {
            finished = true;
        }
        return Optional.of(next);
    }

    /** Reads what follows the position, waiting up to {@code timeout}: false when nothing came (or the log ended). */
    private boolean fill(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean first = true;
        while (!closed) {
            long left = deadline - System.nanoTime();
            try {
                List<RecordedEvent> events = first || left <= 0
                        ? log.read(searchId, position, PAGE)
                        : log.await(searchId, position, PAGE, Duration.ofNanos(Math.min(left, LONGEST_WAIT.toNanos())));
                if (!events.isEmpty()) {
                    buffered.addAll(events);
                    return true;
                }
                if ((first || !expected.getAsBoolean()) && endedBefore()) {
                    finished = true; // resumed after the terminal event, or the log expired
                    return false;
                }
            } catch (SharedStateUnavailableException e) {
                Thread.sleep(Math.max(0, Math.min(200, left / 1_000_000)));
            }
            first = false;
            if (left <= 0) {
                return false;
            }
        }
        return false;
    }

    /** Whether nothing more can come: the event at the position is terminal, or the log is gone. */
    private boolean endedBefore() {
        if (!log.exists(searchId)) {
            return !expected.getAsBoolean(); // expired, or its instance died before logging anything
        }
        if (position == 0) {
            return false;
        }
        List<RecordedEvent> last = log.read(searchId, position - 1, 1);
        return !last.isEmpty() && last.getFirst().event().isTerminal();
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        closed = true;
    }
}
