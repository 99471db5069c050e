package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.TransactionBoundary;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory "transaction": work runs under one lock, so no reader sees a search half saved. There is no
 * rollback; the in-memory repositories do not fail part-way.
 */
public final class InMemoryTransactions implements TransactionBoundary {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
