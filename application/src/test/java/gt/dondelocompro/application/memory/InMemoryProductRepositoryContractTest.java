package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.contract.Persistence;
import gt.dondelocompro.application.contract.ProductRepositoryContract;

/** The ProductRepository contract, run against the in-memory adapters. */
class InMemoryProductRepositoryContractTest extends ProductRepositoryContract {

    @Override
    protected Persistence newPersistence() {
        return Persistence.inMemory();
    }
}
