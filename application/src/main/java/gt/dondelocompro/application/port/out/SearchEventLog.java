package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The live event log of each search, where any instance can append to it and read it: events get their sequence
 * (1, 2, ...) from the log, in the order they were appended; a log ends with its terminal event ({@code completed} or
 * {@code error}), after which nothing more is appended; a log is forgotten once nothing was appended to it for the
 * live retention. One process keeps the logs in memory; many instances share them (a Redis stream per search).
 * Every method may throw {@link SharedStateUnavailableException} when the shared logs cannot be reached.
 */
public interface SearchEventLog {

    /**
     * Appends {@code event} as the log's next entry, creating the log with its first event. Empty, and nothing is
     * appended, when the log already ended: of two instances completing one search, one wins.
     */
    Optional<RecordedEvent> append(UUID searchId, Instant at, SearchEvent event);

    /** The events after {@code afterSequence}, in order, at most {@code max}; empty for an unknown or expired log. */
    List<RecordedEvent> read(UUID searchId, long afterSequence, int max);

    /**
     * Like {@link #read}, but when there is nothing after {@code afterSequence} yet, waits up to {@code timeout}
     * for the next events; empty when none came in time.
     */
    List<RecordedEvent> await(UUID searchId, long afterSequence, int max, Duration timeout) throws InterruptedException;

    /** Whether the log exists: it has events and has not expired. */
    boolean exists(UUID searchId);
}
