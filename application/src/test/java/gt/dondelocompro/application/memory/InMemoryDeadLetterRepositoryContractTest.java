package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.contract.DeadLetterRepositoryContract;
import gt.dondelocompro.application.port.out.DeadLetterRepository;

/** The DeadLetterRepository contract against the in-memory adapter. */
class InMemoryDeadLetterRepositoryContractTest extends DeadLetterRepositoryContract {

    @Override
    protected DeadLetterRepository newDeadLetters() {
        return new InMemoryDeadLetterRepository();
    }
}
