package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.TransactionBoundary;
import org.jooq.DSLContext;

import java.util.function.Supplier;

/**
 * Transactions on the pool through jOOQ's {@code ThreadLocalTransactionProvider}: the connection of the
 * transaction is bound to the calling thread, so every repository call inside {@link #inTransaction} uses it
 * without a context passed through the ports; outside one, each statement runs on its own pooled connection
 * in auto-commit. A nested call joins the transaction already open (no savepoint): the outermost decides.
 */
public final class JooqTransactions implements TransactionBoundary {

    private final DSLContext dsl;
    private final ThreadLocal<Boolean> open = ThreadLocal.withInitial(() -> false);

    JooqTransactions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (open.get()) {
            return work.get();
        }
        open.set(true);
        try {
            return dsl.transactionResult(work::get);
        } catch (RuntimeException e) {
            throw ConnectionFailures.translated(e); // a commit or rollback on a lost connection, too
        } finally {
            open.remove();
        }
    }
}
