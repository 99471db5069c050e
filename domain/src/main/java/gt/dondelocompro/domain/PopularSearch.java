package gt.dondelocompro.domain;

import java.time.Instant;

/** A normalized query, how often it was searched in a period, and when last. */
public record PopularSearch(String query, long count, Instant lastSearchedAt) {
}
