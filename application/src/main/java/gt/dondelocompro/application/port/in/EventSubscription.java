package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.RecordedEvent;

import java.time.Duration;
import java.util.Optional;

/**
 * A reader of one search's event log, positioned after the last event it handed out. Every event after the
 * starting position comes exactly once and in order, first those already logged, then live ones.
 */
public interface EventSubscription extends AutoCloseable {

    /**
     * The next event, waiting at most {@code timeout} for one; empty when none came in time (send a
     * heartbeat) or when the stream has ended ({@link #isFinished()}).
     */
    Optional<RecordedEvent> next(Duration timeout) throws InterruptedException;

    /** True once the terminal event ({@code completed} or {@code error}) has been handed out. */
    boolean isFinished();

    /** Frees the reader; a client that went away must not keep anything alive. */
    @Override
    void close();
}
