package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.ProductRepositoryContract;
import gt.dondelocompro.application.contract.Persistence;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ProductRepository contract, unchanged, run against the jOOQ adapters on PostgreSQL. */
class JooqProductRepositoryContractTest extends ProductRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Override
    protected Persistence newPersistence() {
        DB.truncateAll();
        return JooqPersistenceTestSupport.ports(DB.persistence());
    }
}
