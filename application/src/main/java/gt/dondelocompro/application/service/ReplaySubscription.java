package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchSnapshot;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

/** Replays the log of a finished search read from storage; nothing live follows. */
final class ReplaySubscription implements EventSubscription {

    private final Iterator<RecordedEvent> events;
    private boolean finished;

    ReplaySubscription(SearchSnapshot search, long afterSequence) {
        this.events = search.eventsAfter(afterSequence).iterator();
        this.finished = !events.hasNext();
    }

    @Override
    public Optional<RecordedEvent> next(Duration timeout) {
        if (!events.hasNext()) {
            finished = true;
            return Optional.empty();
        }
        RecordedEvent next = events.next();
        finished = !events.hasNext();
        return Optional.of(next);
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        // nothing held
    }
}
