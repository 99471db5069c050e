package gt.dondelocompro.adapters.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the tests of this JVM use, found once: the JDBC URL in {@code DLC_TEST_DATABASE_URL}
 * when set (CI: {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); else a Testcontainers
 * PostgreSQL when a Docker engine answers; else an embedded PostgreSQL (io.zonky). Tests never write to the
 * database of that URL: they create throw-away databases beside it ({@link #createDatabase}).
 */
public final class PostgresServer {

    public static final String URL_VARIABLE = "DLC_TEST_DATABASE_URL";

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(.*)$");
    private static PostgresServer instance;

    private final String maintenanceUrl;
    private final String description;

    private PostgresServer(String maintenanceUrl, String description) {
        if (!JDBC_URL.matcher(maintenanceUrl).matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host/database URL: " + maintenanceUrl);
        }
        this.maintenanceUrl = maintenanceUrl;
        this.description = description;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = find();
            System.err.println("[tests] PostgreSQL from " + instance.description);
        }
        return instance;
    }

    private static PostgresServer find() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url.strip(), URL_VARIABLE);
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            String containerUrl = container.getJdbcUrl();
            return new PostgresServer(containerUrl + (containerUrl.contains("?") ? "&" : "?") + "user=" + container.getUsername()
                    + "&password=" + container.getPassword(), "Testcontainers " + container.getDockerImageName());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary cluster directory is removed by zonky
                }
            }));
            return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "embedded PostgreSQL (io.zonky)");
        } catch (IOException e) {
            throw new UncheckedIOException("no " + URL_VARIABLE + ", no Docker, and embedded PostgreSQL did not start", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError notThere) {
            return false;
        }
    }

    /** Where the server came from, for messages. */
    public String description() {
        return description;
    }

    /** Creates an empty database with a random {@code prefix_...} name and returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + HexFormat.of().formatHex(randomBytes());
        execute("CREATE DATABASE " + name);
        return urlOf(name);
    }

    /** Drops a database made by {@link #createDatabase}, closing whatever connections are left on it. */
    public void dropDatabase(String url) {
        execute("DROP DATABASE IF EXISTS " + databaseOf(url) + " WITH (FORCE)");
    }

    public String urlOf(String database) {
        Matcher m = JDBC_URL.matcher(maintenanceUrl);
        if (!m.matches()) {
            throw new IllegalStateException(maintenanceUrl);
        }
        return m.group(1) + database + m.group(3);
    }

    static String databaseOf(String url) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches() || !m.group(2).matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a database made by the tests: " + url);
        }
        return m.group(2);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(maintenanceUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + description + ": " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
