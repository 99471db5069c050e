package gt.dondelocompro.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One store's fetch for a search, as a task any worker may run: which search, which store, what to ask, until when. */
public record FetchTask(UUID searchId, String vendorId, String query, int maxResults, Instant deadline) {

    public FetchTask {
        Objects.requireNonNull(searchId, "searchId");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(deadline, "deadline");
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, was " + maxResults);
        }
    }
}
