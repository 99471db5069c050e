package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.application.port.out.CatalogProductRepository;
import gt.dondelocompro.application.port.out.CategoryRepository;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.TransactionBoundary;
import gt.dondelocompro.domain.SearchSnapshot;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Saves one finished search in one transaction: products and prices, their links to catalog products and to
 * their stores' categories, the search with its results and events, and the day's store counts. A search already saved is left alone, so a retry after an unclear
 * failure (a commit whose answer was lost) never counts anything twice. A search answered from another one (it joined
 * it) observed no price itself: it points at the products the other saved, and adds no price observation.
 */
public final class FinishedSearchWriter {

    private final TransactionBoundary transactions;
    private final SearchRepository searches;
    private final ProductRepository products;
    private final CatalogProductRepository catalog;
    private final CategoryRepository categories;
    private final AnalyticsRepository analytics;

    public FinishedSearchWriter(TransactionBoundary transactions, SearchRepository searches, ProductRepository products,
                                CatalogProductRepository catalog, CategoryRepository categories, AnalyticsRepository analytics) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.searches = Objects.requireNonNull(searches, "searches");
        this.products = Objects.requireNonNull(products, "products");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.categories = Objects.requireNonNull(categories, "categories");
        this.analytics = Objects.requireNonNull(analytics, "analytics");
    }

    /**
     * For a search answered from another (joined, cached) whose source is saved: the products the source saved, so
     * that its offers, seen once, are one price observation. Empty when they must be saved here: a search that asked
     * the stores, or a source that was not recorded (rollout) or not with all of these offers; then at the moment
     * the source saw them, which a source saved later finds already observed.
     */
    private Optional<Map<ProductKey, Long>> productsSeenBefore(SearchSnapshot search) {
        if (!search.answeredFromAnother() || !searches.exists(search.cachedFrom().searchId())) {
            return Optional.empty();
        }
        Set<ProductKey> keys = new LinkedHashSet<>();
        search.offers().forEach(o -> keys.add(ProductKey.of(o)));
        Map<ProductKey, Long> ids = products.findProductIds(keys);
        return ids.keySet().containsAll(keys) ? Optional.of(ids) : Optional.empty();
    }

    /** Returns false when the search was already saved. */
    public boolean save(SearchSnapshot search) {
        if (!search.isFinished()) {
            throw new IllegalArgumentException("search " + search.id() + " is " + search.status().wireName() + ", not finished");
        }
        return transactions.inTransaction(() -> {
            if (searches.exists(search.id())) {
                return false;
            }
            Map<ProductKey, Long> productIds = productsSeenBefore(search).orElseGet(() -> {
                Instant seenAt = search.answeredFromAnother() && search.cachedFrom().completedAt() != null
                        ? search.cachedFrom().completedAt() : search.completedAt();
                Map<ProductKey, Long> ids = products.saveOffers(search.offers(), seenAt);
                catalog.link(search.offers(), ids, seenAt);
                categories.link(search.offers(), ids);
                return ids;
            });
            searches.save(search, productIds);
            analytics.recordSearch(search);
            return true;
        });
    }
}
