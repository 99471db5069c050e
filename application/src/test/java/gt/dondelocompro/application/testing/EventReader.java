package gt.dondelocompro.application.testing;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.domain.RecordedEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a subscription in tests: until the stream ends, or until a given event. */
public final class EventReader {

    private EventReader() {
    }

    /** Every event until the stream ends; fails the test if it has not ended within {@code limit}. */
    public static List<RecordedEvent> readToEnd(EventSubscription subscription, Duration limit) throws InterruptedException {
        List<RecordedEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (!subscription.isFinished()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stream did not end within " + limit + "; got " + names(events));
            }
            subscription.next(Duration.ofMillis(200)).ifPresent(events::add);
        }
        return events;
    }

    /** Reads until an event of this name arrives and returns it, with everything before in {@code seen}. */
    public static RecordedEvent readUntil(EventSubscription subscription, String name, List<RecordedEvent> seen, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RecordedEvent> next = subscription.next(Duration.ofMillis(200));
            if (next.isPresent()) {
                seen.add(next.get());
                if (next.get().event().name().equals(name)) {
                    return next.get();
                }
            } else if (subscription.isFinished()) {
                break;
            }
        }
        throw new AssertionError("no '" + name + "' event within " + limit + "; got " + names(seen));
    }

    public static List<String> names(List<RecordedEvent> events) {
        return events.stream().map(e -> e.event().name()).toList();
    }
}
