package gt.dondelocompro.bootstrap;

import gt.dondelocompro.adapters.http.TrustedProxies;
import gt.dondelocompro.adapters.persistence.DatabaseConfig;
import gt.dondelocompro.adapters.redis.RedisSharedState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's configuration, read from environment variables (DESIGN.md, Configuration) and the command
 * line. A bad value stops start-up with a {@link ConfigException} naming the variable. The database password
 * is never part of {@link #toString()}.
 */
public record AppConfig(
        int port,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        boolean databaseEnabled,
        int rolloutPercent,
        int poolSize,
        int maxOverflow,
        boolean migrate,
        Duration cacheMaxAge,
        Duration cacheStaleAge,
        Optional<Path> vendorsFile,
        Duration searchTimeout,
        boolean demo,
        List<String> corsOrigins,
        int rateLimitPerMinute,
        Path dataDir,
        Cluster cluster,
        Alerts alerts) {

    /**
     * The alerts' variables: {@code TRACK_INTERVAL} ({@code 6h}; also {@code 90s}, {@code 15m}, {@code 1d}),
     * {@code TRACK_POPULAR}, {@code ALERTS_PER_TARGET}, {@code ALERT_ALLOW_PRIVATE_TARGETS}, {@code PRICE_RETENTION_DAYS},
     * {@code SMTP_HOST}/{@code _PORT}/{@code _USER}/{@code _PASSWORD}/{@code _FROM}/{@code _STARTTLS} and
     * {@code PUBLIC_BASE_URL} (empty: {@code http://localhost:PORT}). The SMTP password is never in {@link #toString()}.
     */
    public record Alerts(Duration trackInterval, int trackPopular, int alertsPerTarget, boolean allowPrivateTargets,
                         int priceRetentionDays, Optional<String> smtpHost, int smtpPort, Optional<String> smtpUser,
                         Optional<String> smtpPassword, String smtpFrom, boolean smtpStartTls, Optional<java.net.URI> publicBaseUrl) {

        @Override
        public String toString() {
            return "Alerts[trackInterval=" + trackInterval + ", trackPopular=" + trackPopular + ", alertsPerTarget=" + alertsPerTarget
                    + ", allowPrivateTargets=" + allowPrivateTargets + ", priceRetentionDays=" + priceRetentionDays
                    + ", smtpHost=" + smtpHost.orElse("(none)") + ", smtpPort=" + smtpPort + ", smtpUser=" + smtpUser.orElse("(none)")
                    + ", smtpPassword=" + (smtpPassword.isPresent() ? "****" : "(none)") + ", smtpFrom=" + smtpFrom
                    + ", smtpStartTls=" + smtpStartTls + ", publicBaseUrl=" + publicBaseUrl.map(Object::toString).orElse("(this host)") + "]";
        }
    }

    /** The value of {@code DATABASE_URL} that asks for an embedded PostgreSQL kept in {@code ./data/}. */
    public static final String EMBEDDED = "embedded";

    /** What an instance does among many ({@code DLC_ROLE}). */
    public enum Role {
        /** takes requests and runs store fetches (the default, and the only role of a lone instance) */
        ALL,
        /** takes requests, runs no fetches */
        API,
        /** runs fetches, serves only health and metrics */
        WORKER
    }

    /**
     * Many instances: the Redis they share ({@code REDIS_URL}; empty: this instance runs alone) and the prefix of
     * its keys ({@code REDIS_KEY_PREFIX}), this instance's role ({@code DLC_ROLE}), and the proxies whose forwarding
     * headers are believed ({@code TRUSTED_PROXIES}). The URL may hold a password: {@link #toString()} hides it.
     */
    public record Cluster(Optional<String> redisUrl, String redisKeyPrefix, Role role, TrustedProxies trustedProxies) {

        @Override
        public String toString() {
            return "Cluster[redisUrl=" + redisUrl.map(RedisSharedState::withoutSecrets).orElse("(none)") + ", redisKeyPrefix="
                    + redisKeyPrefix + ", role=" + role.name().toLowerCase(Locale.ROOT) + ", trustedProxies=" + trustedProxies + "]";
        }
    }

    public static AppConfig from(Map<String, String> env, String... args) {
        Env e = new Env(env);
        boolean demo = Arrays.asList(args).contains("--demo") || e.bool("DLC_DEMO", false);
        for (String arg : args) {
            if (!arg.equals("--demo")) {
                throw new ConfigException("unknown argument '" + arg + "': the only argument is --demo");
            }
        }
        Optional<String> url = e.string("DATABASE_URL");
        url.ifPresent(u -> {
            if (!u.equals(EMBEDDED) && !DatabaseConfig.isPostgresUrl(u)) {
                throw new ConfigException("DATABASE_URL: must be a JDBC URL starting with jdbc:postgresql: or the word 'embedded'");
            }
        });
        boolean enabled = e.bool("DATABASE_ENABLED", url.isPresent());
        if (enabled && url.isEmpty()) {
            throw new ConfigException("DATABASE_ENABLED: is true but DATABASE_URL is not set");
        }
        Optional<Path> vendors = e.string("DLC_VENDORS_FILE").map(Path::of);
        vendors.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw new ConfigException("DLC_VENDORS_FILE: cannot read " + p.toAbsolutePath());
            }
        });
        return new AppConfig(
                e.integer("PORT", 8080, 0, 65_535),
                url,
                e.string("DATABASE_USER"),
                e.string("DATABASE_PASSWORD"),
                enabled,
                e.integer("DATABASE_ROLLOUT_PERCENT", 100, 0, 100),
                e.integer("DATABASE_POOL_SIZE", 10, 1, 1_000),
                e.integer("DATABASE_MAX_OVERFLOW", 20, 0, 1_000),
                e.bool("DATABASE_MIGRATE", true),
                Duration.ofMinutes(e.integer("CACHE_MAX_AGE_MINUTES", 30, 0, 7 * 24 * 60)),
                Duration.ofMinutes(e.integer("CACHE_STALE_MINUTES", 360, 0, 7 * 24 * 60)),
                vendors,
                Duration.ofMillis(e.integer("SEARCH_TIMEOUT_MS", 15_000, 100, 600_000)),
                demo,
                e.list("CORS_ORIGINS"),
                e.integer("RATE_LIMIT_PER_MINUTE", 30, 1, 100_000),
                Path.of(e.string("DLC_DATA_DIR").orElse("data")),
                cluster(e), alerts(e));
    }

    private static Cluster cluster(Env e) {
        Optional<String> redis = e.string("REDIS_URL");
        redis.ifPresent(u -> {
            if (!RedisSharedState.isRedisUrl(u)) {
                throw new ConfigException("REDIS_URL: must be a URL such as redis://host:6379 (rediss:// for TLS), was '"
                        + RedisSharedState.withoutSecrets(u) + "'");
            }
        });
        String prefix = e.string("REDIS_KEY_PREFIX").orElse("dlc");
        if (!prefix.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("REDIS_KEY_PREFIX: must be 1 to 64 letters, digits, '.', '_' or '-', was '" + prefix + "'");
        }
        Role role = switch (e.string("DLC_ROLE").orElse("all").toLowerCase(Locale.ROOT)) {
            case "all" -> Role.ALL;
            case "api" -> Role.API;
            case "worker" -> Role.WORKER;
            default -> throw new ConfigException("DLC_ROLE: must be all, api or worker, was '" + e.string("DLC_ROLE").orElseThrow() + "'");
        };
        if (role != Role.ALL && redis.isEmpty()) {
            throw new ConfigException("DLC_ROLE: is " + role.name().toLowerCase(Locale.ROOT)
                    + " but REDIS_URL is not set (a lone instance must take requests and run fetches: all)");
        }
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.parse(e.list("TRUSTED_PROXIES"));
        } catch (IllegalArgumentException bad) {
            throw new ConfigException("TRUSTED_PROXIES: " + bad.getMessage());
        }
        return new Cluster(redis, prefix, role, proxies);
    }

    private static Alerts alerts(Env e) {
        Optional<java.net.URI> base = e.string("PUBLIC_BASE_URL").map(u -> {
            try {
                java.net.URI uri = new java.net.URI(u);
                if (uri.getHost() == null || !(u.startsWith("http://") || u.startsWith("https://"))) {
                    throw new ConfigException("PUBLIC_BASE_URL: must be an http or https URL such as https://dondelocompro.gt, was '" + u + "'");
                }
                return uri;
            } catch (java.net.URISyntaxException bad) {
                throw new ConfigException("PUBLIC_BASE_URL: must be an http or https URL such as https://dondelocompro.gt, was '" + u + "'");
            }
        });
        return new Alerts(e.duration("TRACK_INTERVAL", Duration.ofHours(6)), e.integer("TRACK_POPULAR", 0, 0, 100),
                e.integer("ALERTS_PER_TARGET", 5, 1, 1_000), e.bool("ALERT_ALLOW_PRIVATE_TARGETS", false),
                e.integer("PRICE_RETENTION_DAYS", 400, 1, 36_500), e.string("SMTP_HOST"), e.integer("SMTP_PORT", 587, 1, 65_535),
                e.string("SMTP_USER"), e.string("SMTP_PASSWORD"), e.string("SMTP_FROM").orElse("alertas@dondelocompro.gt"),
                e.bool("SMTP_STARTTLS", true), base);
    }

    @Override
    public String toString() {
        return "AppConfig[port=" + port + ", databaseUrl=" + databaseUrl.map(DatabaseConfig::withoutSecrets).orElse("(none)")
                + ", databaseUser=" + databaseUser.orElse("(none)") + ", databasePassword=" + (databasePassword.isPresent() ? "****" : "(none)")
                + ", databaseEnabled=" + databaseEnabled + ", rolloutPercent=" + rolloutPercent + ", poolSize=" + poolSize
                + ", maxOverflow=" + maxOverflow + ", migrate=" + migrate + ", cacheMaxAge=" + cacheMaxAge
                + ", cacheStaleAge=" + cacheStaleAge + ", vendorsFile=" + vendorsFile.map(Path::toString).orElse("(built-in)") + ", searchTimeout=" + searchTimeout
                + ", demo=" + demo + ", corsOrigins=" + corsOrigins + ", rateLimitPerMinute=" + rateLimitPerMinute
                + ", dataDir=" + dataDir + ", cluster=" + cluster + ", alerts=" + alerts + "]";
    }

    /** Reads and checks environment variables, naming the variable in every complaint. */
    private record Env(Map<String, String> env) {

        Optional<String> string(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> v = string(name);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.get());
                if (n < min || n > max) {
                    throw new ConfigException(name + ": must be between " + min + " and " + max + ", was " + n);
                }
                return n;
            } catch (NumberFormatException notANumber) {
                throw new ConfigException(name + ": must be a whole number, was '" + v.get() + "'");
            }
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> v = string(name);
            if (v.isEmpty()) {
                return fallback;
            }
            return switch (v.get().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new ConfigException(name + ": must be true or false, was '" + v.get() + "'");
            };
        }

        /** {@code 90s}, {@code 15m}, {@code 6h}, {@code 1d}: at least a second. */
        Duration duration(String name, Duration fallback) {
            Optional<String> v = string(name);
            if (v.isEmpty()) {
                return fallback;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})([smhd])").matcher(v.get().toLowerCase(Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new ConfigException(name + ": must be a duration such as 90s, 15m, 6h or 1d, was '" + v.get() + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }

        List<String> list(String name) {
            return string(name).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                    .orElse(List.of());
        }
    }
}
