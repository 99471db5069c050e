package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.DeadLetterRepositoryContract;
import gt.dondelocompro.application.port.out.DeadLetterRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DeadLetterRepository contract, unchanged, run against the jOOQ adapter on PostgreSQL. */
class JooqDeadLetterRepositoryContractTest extends DeadLetterRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Override
    protected DeadLetterRepository newDeadLetters() {
        DB.truncateAll();
        return DB.persistence().deadLetters();
    }
}
