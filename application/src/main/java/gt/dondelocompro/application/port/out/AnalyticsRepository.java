package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.PopularSearch;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StorePerformance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What is counted across searches: popular queries and each store's daily performance. */
public interface AnalyticsRepository {

    /**
     * Adds a finished search to the counts: its query, and each store's outcome to that day's performance. A search
     * answered from another ({@link SearchSnapshot#answeredFromAnother()}, e.g. one that joined it) counts as searched,
     * but did not ask the stores: their performance is the other search's to count. A store's {@code busy} outcome
     * (it was not asked: our queue in front of it was too long) is not its performance either, and is left out
     * ({@link gt.dondelocompro.domain.VendorOutcome#countsForStore()}), as it is from its health.
     * Called after {@link SearchRepository#save} of the same search, in the same transaction (as
     * {@code FinishedSearchWriter} does): an adapter may count from the saved search's row.
     */
    void recordSearch(SearchSnapshot search);

    /** Normalized queries of searches created at or after {@code since}, most searched first. */
    List<PopularSearch> popularSearches(Instant since, int limit);

    /** Daily rows from {@code from} on, ordered by date then store; one store or all. */
    List<StorePerformance> storePerformance(Optional<String> vendorId, LocalDate from);
}
