package gt.dondelocompro.adapters.scraping.http;

import java.time.Duration;
import java.util.Locale;

/**
 * Told how long each request waited at its host's politeness gate and how it left: for operators' meters, per store.
 * Called on the request's own thread, so an implementation returns at once; what it throws is ignored.
 */
@FunctionalInterface
public interface GateObserver {

    GateObserver NONE = (storeId, waited, outcome) -> {
    };

    /** How a request left the gate's queue. */
    enum Outcome {
        /** Its turn came and it was sent. */
        SENT,
        /** Refused at once: the queue was longer than can be served before its deadline. */
        BUSY,
        /** Left unsent: its deadline passed, its search no longer wanted it, or its thread was interrupted. */
        DROPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    void waited(String storeId, Duration waited, Outcome outcome);
}
