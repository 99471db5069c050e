package gt.dondelocompro.application.port.in;

import java.time.Instant;
import java.util.List;

/**
 * Whether the service is healthy, the store of record's state, the stores, those of the active ones that failed
 * their last three searches, the recorder's backlog, and the state shared with other instances (Redis).
 */
public record HealthReport(boolean healthy, Database database, List<String> scrapers, List<String> activeScrapers,
                           List<String> failingStores, RecorderStats recorder, Instant timestamp, SharedState sharedState) {

    /** The state shared with other instances as {@code /health} reports it ({@code redis}). */
    public enum SharedState {
        CONNECTED, DISCONNECTED, DISABLED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One process: nothing shared. */
    public HealthReport(boolean healthy, Database database, List<String> scrapers, List<String> activeScrapers,
                        List<String> failingStores, RecorderStats recorder, Instant timestamp) {
        this(healthy, database, scrapers, activeScrapers, failingStores, recorder, timestamp, SharedState.DISABLED);
    }

    /** The store of record as {@code /health} reports it. */
    public enum Database {
        CONNECTED, DISCONNECTED, DISABLED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public HealthReport {
        scrapers = List.copyOf(scrapers);
        activeScrapers = List.copyOf(activeScrapers);
        failingStores = List.copyOf(failingStores);
        java.util.Objects.requireNonNull(sharedState, "sharedState");
    }

    /** More than half of the active stores failed each of their last three searches: shoppers get little. */
    public boolean storesFailing() {
        return mostStoresFailing(activeScrapers, failingStores);
    }

    /** The rule of {@link #storesFailing()}: more than half of {@code active} are among {@code failing}. */
    public static boolean mostStoresFailing(List<String> active, List<String> failing) {
        return failing.stream().filter(active::contains).count() * 2 > active.size();
    }
}
