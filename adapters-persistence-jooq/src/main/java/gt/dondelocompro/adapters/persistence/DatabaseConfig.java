package gt.dondelocompro.adapters.persistence;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach PostgreSQL: the JDBC URL, the credentials (either may also be in the URL, or null), the pool's
 * steady size and how many connections it may open beyond it under load (the seed's pool_size and
 * max_overflow), and whether to migrate the schema at start-up. The password never appears in
 * {@link #toString()}, not even when it is part of the URL.
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, int maxOverflow, boolean migrate) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final int DEFAULT_MAX_OVERFLOW = 20;

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern PASSWORD_IN_USER_INFO = Pattern.compile("//([^/@:]+):([^@/]+)@");

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        if (!isPostgresUrl(url)) {
            throw new IllegalArgumentException("DATABASE_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), was '"
                    + withoutSecrets(url) + "'");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("DATABASE_POOL_SIZE must be at least 1, was " + poolSize);
        }
        if (maxOverflow < 0) {
            throw new IllegalArgumentException("DATABASE_MAX_OVERFLOW must not be negative, was " + maxOverflow);
        }
    }

    /** The seed's defaults: a pool of 10 that may grow by 20, migrating at start-up. */
    public static DatabaseConfig of(String url, String user, String password) {
        return new DatabaseConfig(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_MAX_OVERFLOW, true);
    }

    /** The most connections the pool opens: the steady size plus the overflow. */
    public int maxConnections() {
        return poolSize + maxOverflow;
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + withoutSecrets(url) + ", user=" + user + ", password=" + (password == null ? "<none>" : "****")
                + ", poolSize=" + poolSize + ", maxOverflow=" + maxOverflow + ", migrate=" + migrate + "]";
    }

    /** Whether this adapter can use the URL: PostgreSQL's JDBC driver takes only {@code jdbc:postgresql:}. */
    public static boolean isPostgresUrl(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL with its password masked, as a parameter or as {@code //user:password@}; fit for a log line. */
    public static String withoutSecrets(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1****");
        return PASSWORD_IN_USER_INFO.matcher(masked).replaceAll("//$1:****@");
    }
}
