package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.contract.Persistence;
import gt.dondelocompro.application.contract.AnalyticsRepositoryContract;

/** The AnalyticsRepository contract, run against the in-memory adapters. */
class InMemoryAnalyticsRepositoryContractTest extends AnalyticsRepositoryContract {

    @Override
    protected Persistence newPersistence() {
        return Persistence.inMemory();
    }
}
