package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchStatus;

import java.time.Duration;

/**
 * Told by the core what every search does as it does it, whoever started the search (a transport or an
 * embedder): for operators' meters. Called on the search's own threads, so an implementation returns at once;
 * what it throws is logged and ignored, since meters must never fail a search.
 */
public interface SearchObserver {

    /** Observes nothing. */
    SearchObserver NONE = new SearchObserver() {
    };

    /** A search was accepted; {@code cached} when it was answered from another one (cached, stale or joined: no store is asked for it). */
    default void searchStarted(boolean cached) {
    }

    /** A store answered with {@code offers} offers after {@code took}. */
    default void storeAnswered(String vendorId, int offers, Duration took) {
    }

    /** A store failed (a timeout included) after {@code took}. */
    default void storeFailed(String vendorId, FailureKind kind, Duration took) {
    }

    /**
     * A store failed (a timeout included) after {@code took}, with its message and, when it answered something
     * unreadable, the start of what it sent. What the core calls; by default it tells {@link #storeFailed(String,
     * FailureKind, Duration)}.
     */
    default void storeFailed(String vendorId, StoreResult.Failure failure, Duration took) {
        storeFailed(vendorId, failure.kind(), took);
    }

    /** A search that asked the stores finished, completed or failed, after {@code took}. */
    default void searchFinished(SearchStatus status, Duration took) {
    }
}
