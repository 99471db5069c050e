package gt.dondelocompro.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The HikariCP pool behind a door that can swap it for a fresh one. While PostgreSQL is down, Hikari's
 * connection creator backs off (doubling up to five seconds between attempts), so after the database returns
 * a caller may wait that long for its first connection. When the health probe sees the database answer again,
 * {@link #renew} opens a new pool, whose creator starts at once, and closes the old one in the background
 * (its connections are dead anyway; a caller already holding one finishes or fails as before).
 */
final class RenewablePool implements DataSource, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RenewablePool.class.getName());

    private final Supplier<HikariConfig> config;
    private volatile HikariDataSource current;
    private volatile boolean closed;

    RenewablePool(Supplier<HikariConfig> config) {
        this.config = config;
        this.current = new HikariDataSource(config.get());
    }

    /** The pool in use now (its figures are the operators' gauges). */
    HikariDataSource current() {
        return current;
    }

    /** Replaces the pool by a fresh one and closes the old one on a virtual thread. */
    synchronized void renew() {
        if (closed) {
            return;
        }
        HikariDataSource old = current;
        current = new HikariDataSource(config.get());
        LOG.log(System.Logger.Level.INFO, "database connection pool renewed after the database came back");
        Thread.ofVirtual().name("database-pool-close").start(old::close);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return current.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        current.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        current.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return current.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return current.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return current.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || current.isWrapperFor(type);
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
    }
}
