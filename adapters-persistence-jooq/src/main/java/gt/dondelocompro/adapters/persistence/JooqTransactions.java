package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.TransactionBoundary;
import gt.dondelocompro.application.port.out.UnsaveableDataException;
import org.jooq.DSLContext;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Transactions on the pool through jOOQ's {@code ThreadLocalTransactionProvider}: the connection of the
 * transaction is bound to the calling thread, so every repository call inside {@link #inTransaction} uses it
 * without a context passed through the ports; outside one, each statement runs on its own pooled connection
 * in auto-commit. A nested call joins the transaction already open (no savepoint): the outermost decides.
 * <p>
 * The outermost call also tells the core why a transaction failed: PostgreSQL refusing the data (SQLSTATE
 * class 22, data exception; 23, integrity constraint violation) becomes an {@link UnsaveableDataException},
 * which the recorder does not retry; anything else (class 08 connection errors, a pool timeout, ...)
 * propagates as it is and is retried.
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html)
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
            // a commit or rollback on a lost connection is "unavailable"; refused data is "unsaveable"
            throw refusedData(ConnectionFailures.translated(e));
        } finally {
            open.remove();
        }
    }

    /** The exception as the core should see it: {@link UnsaveableDataException} when PostgreSQL refused the data. */
    static RuntimeException refusedData(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsaveableDataException) {
                return e;
            }
            if (t instanceof SQLException sql && isDataError(sql.getSQLState())) {
                return new UnsaveableDataException("PostgreSQL refused the data (SQLSTATE " + sql.getSQLState() + "): "
                        + sql.getMessage(), e);
            }
        }
        return e;
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation): retrying the same data cannot help. */
    static boolean isDataError(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
    }
}
