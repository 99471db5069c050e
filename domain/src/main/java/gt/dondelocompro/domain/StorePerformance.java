package gt.dondelocompro.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How one store's scraper did on one day: searches it took part in, products found, the running average of
 * its answer time, the share of searches it answered, and its failures.
 */
public record StorePerformance(String vendorId, LocalDate date, int totalSearches, int totalProducts,
                               BigDecimal avgDurationSeconds, BigDecimal successRate, int errorCount) {

    public StorePerformance {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(date, "date");
        if (totalSearches < 0 || totalProducts < 0 || errorCount < 0 || errorCount > totalSearches) {
            throw new IllegalArgumentException("inconsistent counts for store " + vendorId + " on " + date);
        }
        avgDurationSeconds = avgDurationSeconds.setScale(3, RoundingMode.HALF_UP);
        successRate = successRate.setScale(2, RoundingMode.HALF_UP);
    }

    public static StorePerformance empty(String vendorId, LocalDate date) {
        return new StorePerformance(vendorId, date, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /** This day's figures with one more search's outcome for this store added. */
    public StorePerformance plus(VendorOutcome outcome) {
        if (!outcome.vendorId().equals(vendorId)) {
            throw new IllegalArgumentException("outcome of " + outcome.vendorId() + " added to " + vendorId);
        }
        int searches = totalSearches + 1;
        int errors = errorCount + (outcome.succeeded() ? 0 : 1);
        BigDecimal seconds = outcome.duration() == null ? BigDecimal.ZERO : BigDecimal.valueOf(outcome.duration().toMillis(), 3);
        BigDecimal avg = avgDurationSeconds.multiply(BigDecimal.valueOf(totalSearches)).add(seconds)
                .divide(BigDecimal.valueOf(searches), 3, RoundingMode.HALF_UP);
        BigDecimal rate = BigDecimal.valueOf(searches - errors).divide(BigDecimal.valueOf(searches), 2, RoundingMode.HALF_UP);
        return new StorePerformance(vendorId, date, searches, totalProducts + outcome.productsFound(), avg, rate, errors);
    }
}
