package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.application.memory.InMemoryAnalyticsRepository;
import gt.dondelocompro.application.memory.InMemoryCatalogProductRepository;
import gt.dondelocompro.application.memory.InMemoryCategoryRepository;
import gt.dondelocompro.application.memory.InMemoryProductRepository;
import gt.dondelocompro.application.memory.InMemorySearchRepository;
import gt.dondelocompro.application.memory.InMemoryTransactions;
import gt.dondelocompro.application.port.out.CatalogProductRepository;
import gt.dondelocompro.application.port.out.CategoryRepository;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.TransactionBoundary;
import gt.dondelocompro.application.service.FinishedSearchWriter;
import gt.dondelocompro.domain.SearchSnapshot;

/** One adapter's set of persistence ports, as the contract suites see it. */
public record Persistence(SearchRepository searches, ProductRepository products, CatalogProductRepository catalog,
                          CategoryRepository categories, AnalyticsRepository analytics, TransactionBoundary transactions) {

    /** The in-memory adapters, empty. */
    public static Persistence inMemory() {
        InMemoryProductRepository products = new InMemoryProductRepository();
        return new Persistence(new InMemorySearchRepository(), products, new InMemoryCatalogProductRepository(products),
                new InMemoryCategoryRepository(), new InMemoryAnalyticsRepository(), new InMemoryTransactions());
    }

    /** Saves a finished search exactly as the background recorder does. */
    public boolean record(SearchSnapshot search) {
        return new FinishedSearchWriter(transactions, searches, products, catalog, categories, analytics).save(search);
    }
}
