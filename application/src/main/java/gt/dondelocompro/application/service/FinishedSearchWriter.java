package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.application.port.out.CatalogProductRepository;
import gt.dondelocompro.application.port.out.CategoryRepository;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.TransactionBoundary;
import gt.dondelocompro.domain.SearchSnapshot;

import java.util.Map;
import java.util.Objects;

/**
 * Saves one finished search in one transaction: products and prices, their links to catalog products and to
 * their stores' categories, the search with its results and events, and the day's store counts. A search already saved is left alone, so a retry after an unclear
 * failure (a commit whose answer was lost) never counts anything twice.
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

    /** Returns false when the search was already saved. */
    public boolean save(SearchSnapshot search) {
        if (!search.isFinished()) {
            throw new IllegalArgumentException("search " + search.id() + " is " + search.status().wireName() + ", not finished");
        }
        return transactions.inTransaction(() -> {
            if (searches.exists(search.id())) {
                return false;
            }
            Map<ProductKey, Long> productIds = products.saveOffers(search.offers(), search.completedAt());
            catalog.link(search.offers(), productIds, search.completedAt());
            categories.link(search.offers(), productIds);
            searches.save(search, productIds);
            analytics.recordSearch(search);
            return true;
        });
    }
}
