package gt.dondelocompro.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

import javax.sql.DataSource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The PostgreSQL persistence adapters over one HikariCP pool (renewed when the database returns after an
 * outage, see {@link RenewablePool}): {@link #start} opens the pool, migrates the schema (unless switched off, or
 * already current) and builds the repositories; {@link #close} closes the pool. One instance per process.
 */
public final class JooqPersistence implements AutoCloseable {

    /** Where the migrations live: the {@code db} module's resources. */
    static final String MIGRATIONS_FOLDER = "db/migration";
    static final String MIGRATIONS = "classpath:" + MIGRATIONS_FOLDER;
    private static final System.Logger LOG = System.getLogger(JooqPersistence.class.getName());

    static {
        // jOOQ's banner and tip of the day: 30 lines in the log of every start (an operator's own -D wins)
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    /**
     * How long a caller waits for a connection: reads on the request path and each save attempt fail within
     * it while the database is down, so reads answer 503 at once and saving resumes soon after its return.
     */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** Hikari wants the validation shorter than the connection timeout. */
    private static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(500);
    /** Every statement jOOQ runs, reads and saves: the server cancels it after this (a saved search takes milliseconds). */
    static final int QUERY_TIMEOUT_SECONDS = 3;
    /** The driver's own bounds, for a server that vanished without closing its sockets. */
    private static final int CONNECT_TIMEOUT_SECONDS = 2;
    private static final int SOCKET_TIMEOUT_SECONDS = 10;

    private final RenewablePool pool;
    private final DSLContext dsl;
    private final JooqTransactions transactions;
    private final JooqSearchRepository searches;
    private final JooqProductRepository products;
    private final JooqCatalogProductRepository catalog;
    private final JooqCategoryRepository categories;
    private final JooqAnalyticsRepository analytics;
    private final JooqDeadLetterRepository deadLetters;
    private final JooqPersistenceHealth health;
    private final JooqAlertRepository alerts;
    private final JooqNotificationOutbox outbox;
    private final JooqTrackedProductRepository trackedProducts;
    private final JooqPriceRetention retention;

    private JooqPersistence(RenewablePool pool, DatabaseConfig config) {
        this.pool = pool;
        // the transaction provider binds a transaction's connection to its thread, so repositories called
        // inside TransactionBoundary.inTransaction share it (https://www.jooq.org/doc/latest/manual/sql-execution/transaction-management/)
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new Settings().withQueryTimeout(QUERY_TIMEOUT_SECONDS))
                .set(ConnectionFailures.LISTENER)
                .set(new ThreadLocalTransactionProvider(ConnectionFailures.connections(new DataSourceConnectionProvider(pool)))));
        this.transactions = new JooqTransactions(dsl);
        this.searches = new JooqSearchRepository(dsl, transactions);
        this.products = new JooqProductRepository(dsl, transactions);
        this.catalog = new JooqCatalogProductRepository(dsl, transactions);
        this.categories = new JooqCategoryRepository(dsl, transactions);
        this.analytics = new JooqAnalyticsRepository(dsl, transactions);
        this.deadLetters = new JooqDeadLetterRepository(dsl, transactions);
        this.health = JooqPersistenceHealth.start(config, pool::renew);
        this.alerts = new JooqAlertRepository(dsl);
        this.outbox = new JooqNotificationOutbox(dsl);
        this.trackedProducts = new JooqTrackedProductRepository(dsl);
        this.retention = new JooqPriceRetention(dsl, transactions);
    }

    /**
     * Opens the pool and, when {@code config.migrate()}, brings the schema up to date (throwing when that
     * fails). With migration off, start-up does not need the database to be up: {@link #health()} says when
     * it answers.
     */
    public static JooqPersistence start(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        RenewablePool pool = new RenewablePool(() -> poolConfig(config));
        try {
            if (config.migrate()) {
                migrateUnlessCurrent(pool);
            }
            return new JooqPersistence(pool, config);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    static HikariConfig poolConfig(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("dondelocompro");
        hikari.setJdbcUrl(config.url());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        // pool_size + max_overflow of the seed: keep poolSize open, grow to the sum under load
        hikari.setMinimumIdle(config.poolSize());
        hikari.setMaximumPoolSize(config.maxConnections());
        // pool_pre_ping: Hikari checks a connection (Connection.isValid) when it is borrowed after being
        // idle, so a connection the server dropped is replaced instead of failing a save
        hikari.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // start even when the database is down; health reports it and the recorder retries
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("ApplicationName", "dondelocompro");
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        hikari.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        return hikari;
    }

    /**
     * Runs Flyway unless one query says the schema is exactly what the shipped migrations make it (see
     * {@link SchemaHistory}): a start-up on a current database then loads no Flyway at all.
     */
    static void migrateUnlessCurrent(DataSource dataSource) {
        Optional<String> current = SchemaHistory.currentVersion(dataSource,
                SchemaHistory.shipped(JooqPersistence.class.getClassLoader(), MIGRATIONS_FOLDER));
        if (current.isPresent()) {
            LOG.log(Level.INFO, "schema is current at version {0} (every shipped migration applied, checksums match): "
                    + "no migration needed", current.get());
            return;
        }
        migrate(dataSource);
    }

    /** Applies the pending migrations of the {@code db} module; a no-op when the schema is current. */
    static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    public JooqSearchRepository searches() {
        return searches;
    }

    public JooqProductRepository products() {
        return products;
    }

    public JooqCatalogProductRepository catalog() {
        return catalog;
    }

    public JooqCategoryRepository categories() {
        return categories;
    }

    public JooqAnalyticsRepository analytics() {
        return analytics;
    }

    public JooqDeadLetterRepository deadLetters() {
        return deadLetters;
    }

    public JooqAlertRepository alerts() {
        return alerts;
    }

    public JooqNotificationOutbox outbox() {
        return outbox;
    }

    public JooqTrackedProductRepository trackedProducts() {
        return trackedProducts;
    }

    public JooqPriceRetention retention() {
        return retention;
    }

    /**
     * A scheduler for the alerts' re-checks and jobs on this pool (db-scheduler, its table made by the migrations);
     * {@code instanceName} tells this instance apart from others on the same database.
     */
    public DbRecheckScheduler recheckScheduler(String instanceName, Duration pollingInterval) {
        return new DbRecheckScheduler(pool, instanceName, pollingInterval, 4);
    }

    public JooqTransactions transactions() {
        return transactions;
    }

    public JooqPersistenceHealth health() {
        return health;
    }

    /** The jOOQ context on the pool, for tests and tools of this module. */
    DSLContext dsl() {
        return dsl;
    }

    /**
     * Brings the {@code vendors} table in line with the configured stores (name, base URL, active); returns
     * how many rows changed. Called at start-up by the bootstrap.
     */
    public int syncVendors(java.util.List<gt.dondelocompro.domain.Vendor> vendors) {
        return VendorRows.sync(dsl, vendors);
    }

    /** The connection pool's figures now, for operators' gauges. */
    public PoolStats poolStats() {
        HikariDataSource now = pool.current();
        var bean = now.getHikariPoolMXBean();
        return bean == null ? new PoolStats(0, 0, 0, 0, now.getMaximumPoolSize())
                : new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                        bean.getThreadsAwaitingConnection(), now.getMaximumPoolSize());
    }

    /** Connections in use, idle, open in all, callers waiting for one, and the most the pool may open. */
    public record PoolStats(int active, int idle, int total, int waiting, int max) {
    }

    /** The pool in use now, for tests of this module. */
    HikariDataSource pool() {
        return pool.current();
    }

    @Override
    public void close() {
        health.close();
        pool.close();
    }
}
