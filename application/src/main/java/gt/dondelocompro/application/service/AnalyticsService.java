package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.PopularSearchesUseCase;
import gt.dondelocompro.application.port.in.PriceHistoryUseCase;
import gt.dondelocompro.application.port.in.StorePerformanceUseCase;
import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PopularSearch;
import gt.dondelocompro.domain.PriceHistory;
import gt.dondelocompro.domain.StorePerformance;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Answers the questions asked of what was recorded: popular searches, store performance, price history. */
public final class AnalyticsService implements PopularSearchesUseCase, StorePerformanceUseCase, PriceHistoryUseCase {

    private static final System.Logger LOG = System.getLogger(AnalyticsService.class.getName());

    public static final int MAX_DAYS = 365;
    public static final int MAX_LIMIT = 100;

    private final AnalyticsRepository analytics;
    private final ProductRepository products;
    private final Clock clock;

    public AnalyticsService(AnalyticsRepository analytics, ProductRepository products, Clock clock) {
        this.analytics = analytics;
        this.products = products;
        this.clock = clock;
    }

    @Override
    public List<PopularSearch> popularSearches(int days, int limit) {
        checkDays(days);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return analytics.popularSearches(clock.instant().minus(Duration.ofDays(days)), limit);
    }

    @Override
    public List<StorePerformance> storePerformance(Optional<String> vendorId, int days) {
        checkDays(days);
        // "the last N days" includes today: days=1 is today's row
        LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days - 1L);
        return analytics.storePerformance(vendorId, from);
    }

    @Override
    public Optional<PriceHistory> priceHistory(long productId, int days) {
        checkDays(days);
        return products.priceHistory(productId, clock.instant().minus(Duration.ofDays(days)));
    }

    @Override
    public Map<Offer, Long> productIdsOf(List<Offer> offers) {
        if (offers.isEmpty()) {
            return Map.of();
        }
        Map<ProductKey, Long> ids;
        try {
            ids = products.findProductIds(offers.stream().map(ProductKey::of).collect(Collectors.toSet()));
        } catch (StoreOfRecordUnavailableException down) {
            // the ids only link to price history; a search served from memory must not fail for want of them
            LOG.log(Level.DEBUG, "product ids unknown while the store of record is unreachable: {0}", down.getMessage());
            return Map.of();
        }
        Map<Offer, Long> result = new HashMap<>();
        for (Offer offer : offers) {
            Long id = ids.get(ProductKey.of(offer));
            if (id != null) {
                result.put(offer, id);
            }
        }
        return result;
    }

    static void checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidValueException("days", "must be between 1 and " + MAX_DAYS + ", was " + days);
        }
    }
}
