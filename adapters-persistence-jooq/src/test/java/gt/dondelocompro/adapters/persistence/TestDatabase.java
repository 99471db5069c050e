package gt.dondelocompro.adapters.persistence;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database for one test class, on the {@link PostgresServer} of the JVM, dropped after the
 * class. Register it as {@code @RegisterExtension static final TestDatabase DB = new TestDatabase();}.
 * {@link #persistence()} starts the jOOQ adapters on it (migrating the schema) once per class;
 * {@link #truncateAll()} empties every table between tests, much cheaper than a new database.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    /** Every table of the schema, emptied by {@link #truncateAll()}. */
    public static final String TABLES =
            "vendors, categories, products, product_prices, searches, search_results, search_events, vendor_performance,"
            + " dead_letter_searches, catalog_products, alerts, alert_notifications, scheduled_tasks, product_price_days";

    private String url;
    private JooqPersistence persistence;

    @Override
    public void beforeAll(ExtensionContext context) {
        url = PostgresServer.get().createDatabase("dlc_test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (persistence != null) {
            persistence.close();
            persistence = null;
        }
        if (url != null) {
            PostgresServer.get().dropDatabase(url);
            url = null;
        }
    }

    /** The JDBC URL of this class's database (credentials, if any, as URL parameters). */
    public String url() {
        if (url == null) {
            throw new IllegalStateException("TestDatabase is used outside its test class: register it with @RegisterExtension");
        }
        return url;
    }

    /** A small pool on this database, migrating at start. */
    public DatabaseConfig config() {
        return new DatabaseConfig(url(), null, null, 2, 3, true);
    }

    /** The adapters on this database, started (and the schema migrated) on first use, closed after the class. */
    public synchronized JooqPersistence persistence() {
        if (persistence == null) {
            persistence = JooqPersistence.start(config());
        }
        return persistence;
    }

    /** Empties every table and restarts the ids: each test starts from a migrated, empty schema. */
    public void truncateAll() {
        try (Connection c = persistence().pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE " + TABLES + " RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
        }
    }
}
