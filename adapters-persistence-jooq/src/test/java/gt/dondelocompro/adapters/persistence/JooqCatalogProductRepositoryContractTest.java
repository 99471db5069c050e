package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.CatalogProductRepositoryContract;
import gt.dondelocompro.application.contract.Persistence;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CatalogProductRepository contract, unchanged, run against the jOOQ adapters on PostgreSQL. */
class JooqCatalogProductRepositoryContractTest extends CatalogProductRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Override
    protected Persistence newPersistence() {
        DB.truncateAll();
        return JooqPersistenceTestSupport.ports(DB.persistence());
    }
}
