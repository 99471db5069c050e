package gt.dondelocompro.application.port.in;

import java.util.Optional;
import java.util.UUID;

/** Follows a search's events, from the start or resuming after an event already seen (SSE Last-Event-ID). */
public interface SubscribeToSearchUseCase {

    /** Empty when no such search is known. {@code afterSequence} 0 means from the first event. */
    Optional<EventSubscription> subscribe(UUID searchId, long afterSequence);
}
