package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.PopularSearch;
import gt.dondelocompro.domain.StorePerformance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The bodies of the analytics endpoints. */
final class AnalyticsJson {

    private AnalyticsJson() {
    }

    /** One row of {@code GET /analytics/popular-searches}. */
    record PopularSearchJson(String query, long count, Instant lastSearchedAt) {
        static PopularSearchJson from(PopularSearch p) {
            return new PopularSearchJson(p.query(), p.count(), p.lastSearchedAt());
        }
    }

    /** One row of {@code GET /analytics/vendor-performance}: one store, one day. */
    record StorePerformanceJson(String vendorId, LocalDate date, int totalSearches, int totalProducts,
                                BigDecimal avgDurationSeconds, BigDecimal successRate, int errorCount) {
        static StorePerformanceJson from(StorePerformance p) {
            return new StorePerformanceJson(p.vendorId(), p.date(), p.totalSearches(), p.totalProducts(),
                    p.avgDurationSeconds(), p.successRate(), p.errorCount());
        }
    }
}
