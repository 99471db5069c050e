package gt.dondelocompro.domain;

import java.time.Duration;
import java.util.List;

/**
 * What happens during a search, as sent on its event stream. {@link #name()} is the SSE event name.
 * The connection-level {@code connected} and {@code heartbeat} are not search events: the transports send them.
 */
public sealed interface SearchEvent {

    /** The SSE event name, for example {@code product_found}. */
    String name();

    /** Whether the stream ends after this event. */
    default boolean isTerminal() {
        return false;
    }

    record Started(String query, int maxResults, List<String> vendors) implements SearchEvent {
        public Started {
            vendors = List.copyOf(vendors);
        }

        public String name() {
            return "started";
        }
    }

    record VendorStarted(String vendorId, String vendorName) implements SearchEvent {
        public String name() {
            return "vendor_started";
        }
    }

    record ProductFound(String vendorId, Offer product) implements SearchEvent {
        public String name() {
            return "product_found";
        }
    }

    record VendorCompleted(String vendorId, int productsFound, Duration duration) implements SearchEvent {
        public String name() {
            return "vendor_completed";
        }
    }

    /** {@code duration} is how long the store was given before it failed; null in logs saved before it was kept. */
    record VendorError(String vendorId, String error, FailureKind kind, Duration duration) implements SearchEvent {
        public String name() {
            return "vendor_error";
        }
    }

    /**
     * {@code cheapest} is the cheapest candidate offer of the most relevant group, null when no offer qualifies;
     * {@code groups} are the search's offers grouped into products (their indexes count the {@code product_found}
     * events of the log), null only as read from a log saved before groups were kept ({@link SearchSnapshot}
     * then groups the offers itself).
     */
    record Completed(int totalResults, Duration duration, Offer cheapest, List<ComparisonGroup> groups) implements SearchEvent {
        public Completed {
            groups = groups == null ? null : List.copyOf(groups);
        }

        public String name() {
            return "completed";
        }

        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    record Error(String error) implements SearchEvent {
        public String name() {
            return "error";
        }

        @Override
        public boolean isTerminal() {
            return true;
        }
    }
}
