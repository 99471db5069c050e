package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import org.jooq.ConnectionProvider;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells the failures that mean "PostgreSQL cannot be reached now" (refused, no connection within the pool's
 * timeout, connection lost, server shutting down, statement timed out) from the others, and turns them into the
 * port's {@link StoreOfRecordUnavailableException}: where a connection is taken ({@link #connections}), where a
 * statement runs ({@link #LISTENER}) and around a transaction ({@link #translated}).
 * SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** Every statement jOOQ runs: an unreachable database surfaces as the port's exception. */
    static final ExecuteListener LISTENER = new ExecuteListener() {
        @Override
        public void exception(ExecuteContext ctx) {
            RuntimeException e = ctx.exception();
            if (e != null && !(e instanceof StoreOfRecordUnavailableException) && isUnreachable(e)) {
                ctx.exception(unavailable(e));
            }
        }
    };

    /** Connections from {@code pool}; failing to get one is "unreachable" (the pool's connection timeout bounds it). */
    static ConnectionProvider connections(ConnectionProvider pool) {
        return new ConnectionProvider() {
            @Override
            public Connection acquire() {
                try {
                    return pool.acquire();
                } catch (RuntimeException e) {
                    throw translated(e);
                }
            }

            @Override
            public void release(Connection connection) {
                pool.release(connection);
            }
        };
    }

    /** {@code e} as the port's exception when it says the database is unreachable, else {@code e} itself. */
    static RuntimeException translated(RuntimeException e) {
        return e instanceof StoreOfRecordUnavailableException || !isUnreachable(e) ? e : unavailable(e);
    }

    static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") // connection exception
                        || state.equals("57014") // query_canceled: the statement timeout
                        || state.startsWith("57P")) { // admin/crash shutdown, cannot connect now
                    return true;
                }
            }
        }
        return false;
    }

    private static StoreOfRecordUnavailableException unavailable(Throwable e) {
        return new StoreOfRecordUnavailableException("PostgreSQL is unreachable: " + e.getMessage(), e);
    }
}
