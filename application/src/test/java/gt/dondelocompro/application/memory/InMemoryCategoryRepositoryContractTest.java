package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.contract.CategoryRepositoryContract;
import gt.dondelocompro.application.contract.Persistence;

/** The CategoryRepository contract, run against the in-memory adapters. */
class InMemoryCategoryRepositoryContractTest extends CategoryRepositoryContract {

    @Override
    protected Persistence newPersistence() {
        return Persistence.inMemory();
    }
}
