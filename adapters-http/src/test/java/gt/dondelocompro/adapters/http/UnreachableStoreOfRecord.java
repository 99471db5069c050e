package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.application.port.out.CatalogProductRepository;
import gt.dondelocompro.application.port.out.CategoryRepository;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import gt.dondelocompro.domain.CatalogPriceHistory;
import gt.dondelocompro.domain.CatalogProduct;
import gt.dondelocompro.domain.Category;
import gt.dondelocompro.domain.StoreAttempt;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PopularSearch;
import gt.dondelocompro.domain.PriceHistory;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.StorePerformance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence adapters whose database does not answer: every call throws as the jOOQ adapters do then. */
final class UnreachableStoreOfRecord implements SearchRepository, ProductRepository, CatalogProductRepository,
        CategoryRepository, AnalyticsRepository {


    private static StoreOfRecordUnavailableException down() {
        return new StoreOfRecordUnavailableException("connection refused", null);
    }

    @Override
    public void save(SearchSnapshot search, Map<ProductKey, Long> productIds) {
        throw down();
    }

    @Override
    public void saveStarted(SearchSnapshot search) {
        throw down();
    }

    @Override
    public int markInterrupted(Instant createdBefore, Instant at) {
        throw down();
    }

    @Override
    public boolean exists(UUID searchId) {
        throw down();
    }

    @Override
    public Optional<SearchSnapshot> findById(UUID searchId) {
        throw down();
    }

    @Override
    public Optional<SearchSnapshot> findLatestCompleted(String normalizedQuery, int maxResults, Instant notBefore) {
        throw down();
    }

    @Override
    public Map<ProductKey, Long> saveOffers(List<Offer> offers, Instant scrapedAt) {
        throw down();
    }

    @Override
    public Map<ProductKey, Long> findProductIds(Collection<ProductKey> keys) {
        throw down();
    }

    @Override
    public Optional<PriceHistory> priceHistory(long productId, Instant since) {
        throw down();
    }

    @Override
    public void recordSearch(SearchSnapshot search) {
        throw down();
    }

    @Override
    public List<PopularSearch> popularSearches(Instant since, int limit) {
        throw down();
    }

    @Override
    public List<StorePerformance> storePerformance(Optional<String> vendorId, LocalDate from) {
        throw down();
    }

    @Override
    public Map<String, Long> link(List<Offer> offers, Map<ProductKey, Long> productIds, Instant seenAt) {
        throw down();
    }

    @Override
    public Map<String, Long> findIds(Collection<String> matchKeys) {
        throw down();
    }

    @Override
    public Optional<CatalogProduct> findById(long id) {
        throw down();
    }

    @Override
    public Optional<CatalogPriceHistory> findPriceHistory(long id, Instant since) {
        throw down();
    }

    @Override
    public List<StoreAttempt> storeAttemptsSince(Instant since, int perStore) {
        throw down();
    }

    @Override
    public Map<String, Long> link(List<Offer> offers, Map<ProductKey, Long> productIds) {
        throw down();
    }

    @Override
    public Map<Long, Long> categoriesOf(Collection<Long> productIds) {
        throw down();
    }

    @Override
    public List<Category> path(long id) {
        throw down();
    }
}
