package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.TransactionBoundary;
import gt.dondelocompro.application.service.FinishedSearchWriter;
import gt.dondelocompro.domain.SearchSnapshot;

/** One adapter's set of persistence ports, as the contract suites see it. */
public record Persistence(SearchRepository searches, ProductRepository products, AnalyticsRepository analytics,
                          TransactionBoundary transactions) {

    /** Saves a finished search exactly as the background recorder does. */
    public boolean record(SearchSnapshot search) {
        return new FinishedSearchWriter(transactions, searches, products, analytics).save(search);
    }
}
