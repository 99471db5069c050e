package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.SearchRepositoryContract;
import gt.dondelocompro.application.contract.Persistence;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SearchRepository contract, unchanged, run against the jOOQ adapters on PostgreSQL. */
class JooqSearchRepositoryContractTest extends SearchRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Override
    protected Persistence newPersistence() {
        DB.truncateAll();
        return JooqPersistenceTestSupport.ports(DB.persistence());
    }
}
