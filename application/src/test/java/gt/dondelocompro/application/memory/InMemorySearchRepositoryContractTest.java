package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.contract.Persistence;
import gt.dondelocompro.application.contract.SearchRepositoryContract;

/** The SearchRepository contract, run against the in-memory adapters. */
class InMemorySearchRepositoryContractTest extends SearchRepositoryContract {

    @Override
    protected Persistence newPersistence() {
        return Persistence.inMemory();
    }
}
