package gt.dondelocompro.domain;

import java.time.Instant;
import java.util.Objects;

/** An event in a search's log: its sequence number (from 1, the SSE {@code id:}) and when it happened. */
public record RecordedEvent(long sequence, Instant at, SearchEvent event) {

    public RecordedEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }
}
