package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.domain.RecordedEvent;

import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;

/** Passes a search's events through and reports to {@code closed} when a transport closes the subscription. */
record WatchedSubscription(UUID searchId, EventSubscription delegate, Queue<UUID> closed) implements EventSubscription {
    @Override
    public Optional<RecordedEvent> next(Duration timeout) throws InterruptedException {
        return delegate.next(timeout);
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public void close() {
        delegate.close();
        closed.add(searchId);
    }
}
