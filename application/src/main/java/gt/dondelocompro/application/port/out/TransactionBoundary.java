package gt.dondelocompro.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one transaction of the store of record: the repositories called inside share it, and
 * everything is undone when the work throws. Transactions belong to the use case, not the repository.
 */
public interface TransactionBoundary {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
