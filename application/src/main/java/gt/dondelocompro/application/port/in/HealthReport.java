package gt.dondelocompro.application.port.in;

import java.time.Instant;
import java.util.List;

/** Whether the service is healthy, the store of record's state, the stores and the recorder's backlog. */
public record HealthReport(boolean healthy, Database database, List<String> scrapers, List<String> activeScrapers,
                           RecorderStats recorder, Instant timestamp) {

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
    }
}
