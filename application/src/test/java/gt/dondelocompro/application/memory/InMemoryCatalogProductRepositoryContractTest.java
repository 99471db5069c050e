package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.contract.CatalogProductRepositoryContract;
import gt.dondelocompro.application.contract.Persistence;

/** The CatalogProductRepository contract, run against the in-memory adapters. */
class InMemoryCatalogProductRepositoryContractTest extends CatalogProductRepositoryContract {

    @Override
    protected Persistence newPersistence() {
        return Persistence.inMemory();
    }
}
