package gt.dondelocompro.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Where a cached search's answer came from: the earlier search and when it completed (its age). */
public record CacheOrigin(UUID searchId, Instant completedAt) {
    public CacheOrigin {
        Objects.requireNonNull(searchId, "searchId");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
