package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.PersistenceHealth;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * PostgreSQL is configured; whether it is reachable is the last answer of a background probe (a
 * {@code select 1} every second, every 200 ms while it does not answer), so that asking never waits on the
 * database: {@code /health} answers at once whatever state it is in.
 *
 * <p>The probe keeps a connection of its own, opened with the driver's one-second connect and login timeouts,
 * rather than borrowing one from the pool: the pool's creator backs off while the database is down (up to five
 * seconds between attempts), and the probe must see the return within a second. When it does, the
 * {@code onReturn} action runs (the persistence renews its pool), before {@link #reachable()} says true, so the
 * recorder's next attempt, woken by that, finds a pool that connects at once.
 */
public final class JooqPersistenceHealth implements PersistenceHealth, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JooqPersistenceHealth.class.getName());
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    /** While the database does not answer, the probe asks more often (a refused connection costs nothing). */
    static final Duration DOWN_PROBE_INTERVAL = Duration.ofMillis(200);
    private static final int TIMEOUT_SECONDS = 1;

    private final DatabaseConfig config;
    private final Runnable onReturn;
    private volatile boolean reachable;
    private volatile boolean closed;
    private Connection connection;
    private Thread probe;

    private JooqPersistenceHealth(DatabaseConfig config, Runnable onReturn) {
        this.config = config;
        this.onReturn = onReturn;
    }

    /**
     * Probes once now (so the first answer is a real one), then every second on a virtual thread until closed;
     * {@code onReturn} runs on each change from unreachable to reachable.
     */
    static JooqPersistenceHealth start(DatabaseConfig config, Runnable onReturn) {
        JooqPersistenceHealth health = new JooqPersistenceHealth(config, onReturn);
        health.reachable = health.check();
        health.probe = Thread.ofVirtual().name("database-probe").start(health::probeLoop);
        return health;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** The last probe's answer, at most about a second old (two when the database stops answering). */
    @Override
    public boolean reachable() {
        return reachable;
    }

    /** A round trip now on the probe's own connection (reopened when lost): true when {@code select 1} answers. */
    synchronized boolean check() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = open();
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(TIMEOUT_SECONDS);
                statement.execute("select 1");
            }
            return true;
        } catch (SQLException | RuntimeException down) {
            closeConnection();
            return false;
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        properties.setProperty("ApplicationName", "dondelocompro-health");
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(2 * TIMEOUT_SECONDS));
        return DriverManager.getConnection(config.url(), properties);
    }

    private void probeLoop() {
        while (!closed) {
            try {
                Thread.sleep(reachable ? PROBE_INTERVAL : DOWN_PROBE_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            boolean now = check();
            if (now != reachable) {
                LOG.log(now ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                        now ? "the database answers again" : "the database does not answer");
                if (now) {
                    try {
                        onReturn.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "after the database's return: " + e);
                    }
                }
            }
            reachable = now;
        }
    }

    private synchronized void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a lost connection: nothing to give back
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (probe != null) {
            probe.interrupt();
        }
        closeConnection();
    }
}
