package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.CategoryRepositoryContract;
import gt.dondelocompro.application.contract.Persistence;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CategoryRepository contract, unchanged, run against the jOOQ adapters on PostgreSQL. */
class JooqCategoryRepositoryContractTest extends CategoryRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Override
    protected Persistence newPersistence() {
        DB.truncateAll();
        return JooqPersistenceTestSupport.ports(DB.persistence());
    }
}
