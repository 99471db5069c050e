package gt.dondelocompro.bootstrap;

import gt.dondelocompro.adapters.http.DondeLoComproHttp;
import gt.dondelocompro.adapters.http.DondeLoComproObserve;
import gt.dondelocompro.adapters.http.HttpSettings;
import gt.dondelocompro.adapters.http.HttpUseCases;
import gt.dondelocompro.adapters.notify.ChannelSenders;
import gt.dondelocompro.adapters.notify.NotifySettings;
import gt.dondelocompro.adapters.persistence.DatabaseConfig;
import gt.dondelocompro.adapters.persistence.JooqPersistence;
import gt.dondelocompro.adapters.redis.RedisSharedState;
import gt.dondelocompro.application.service.SharedSearches;
import gt.dondelocompro.adapters.scraping.StoreCatalog;
import gt.dondelocompro.adapters.scraping.StoreConfig;
import gt.dondelocompro.adapters.scraping.Stores;
import gt.dondelocompro.adapters.scraping.http.GateObserver;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.service.AlertSettings;
import gt.dondelocompro.application.service.RolloutPolicy;
import gt.dondelocompro.application.service.SearchSettings;
import gt.dondelocompro.bootstrap.demo.DemoStores;
import gt.dondelocompro.domain.Vendor;
import io.helidon.webserver.WebServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service, wired by hand: stores from the catalog (or the demo stores), persistence in memory or on
 * PostgreSQL (a server, or an embedded one kept in {@code ./data/}), the core, and the Helidon web server.
 * {@link #close()} shuts down gracefully: no new searches, running ones finish or are cancelled, the recorder
 * flushes, then the server and the pool close.
 */
public final class DondeLoComproApp implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DondeLoComproApp.class.getName());
    public static final String VERSION = "0.1.0";

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final DondeLoCompro core;
    private final WebServer server;
    private final boolean demo;
    private final Duration grace;
    private final AtomicBoolean closed = new AtomicBoolean();
    private RedisSharedState sharedState;
    private JooqPersistence persistence;
    private DemoStores demoStores;

    private DondeLoComproApp(AppConfig config, boolean fastDemo) {
        this.demo = config.demo();
        this.grace = config.searchTimeout();
        DondeLoCompro built = null;
        FutureTask<JooqPersistence> database = null;
        // Helidon's service registry (behind the metrics) takes a while to read its descriptors: it does so while
        // this thread parses the stores
        FutureTask<DondeLoComproObserve> observing = new FutureTask<>(DondeLoComproObserve::create);
        Thread.ofPlatform().name("metrics-start").start(observing);
        try {
            if (config.databaseEnabled()) {
                // the pool's first connection, the schema check and jOOQ's first query take a while: they run while
                // this thread starts the stores and the server's parts
                database = new FutureTask<>(startPersistence(databaseConfig(config)));
                Thread.ofPlatform().name("database-start").start(database);
            }
            RedisSharedState shared = startSharedState(config.cluster());
            this.sharedState = shared;
            // the gates report each wait once the metrics are up (before any search can start); with Redis, a store's
            // politeness limits hold for all instances together (each instance's gate alone while Redis does not answer)
            GateObserver gateWaits = (store, waited, outcome) -> started(observing).storeQueueWait(store, waited, outcome.wireName());
            PoliteHttpClient http = shared == null ? PoliteHttpClient.withDefaults(gateWaits)
                    : PoliteHttpClient.withSharedGates(shared.hostGates(), gateWaits);
            resources.add(http);
            List<StoreConfig> storeConfigs;
            if (config.demo()) {
                demoStores = DemoStores.start(fastDemo);
                resources.add(demoStores);
                storeConfigs = StoreCatalog.parse("demo stores", demoStores.storesFile());
            } else {
                storeConfigs = StoreCatalog.load(config.vendorsFile().map(Path::toString).orElse(null));
            }
            List<Vendor> vendors = Stores.vendors(storeConfigs);

            DondeLoComproObserve observe = started(observing);
            storeConfigs.stream().filter(StoreConfig::active)
                    .forEach(c -> observe.storeQueueGauge(c.id(), () -> http.waiting(c.id())));
            SearchSettings settings = SearchSettings.defaults().withStoreTimeout(config.searchTimeout())
                    .withSearchDeadline(config.searchTimeout()).withCacheMaxAge(config.cacheMaxAge())
                    .withCacheStaleAge(config.cacheStaleAge());
            DondeLoCompro.Builder builder = DondeLoCompro.builder()
                    .observer(observe)
                    .stores(Stores.create(storeConfigs, http))
                    .vendors(vendors)
                    .settings(settings)
                    .rollout(new RolloutPolicy(true, config.databaseEnabled() ? config.rolloutPercent() : 100));
            if (shared != null) {
                builder.sharedState(shared.health());
                // store fetches are tasks any worker runs; this instance runs them too unless it is an api instance
                builder.sharedSearches(new SharedSearches(shared.eventLog(settings.liveRetention()), shared.runningSearches(),
                        shared.searchLeases(), shared.fetchTasks(TASK_VISIBILITY), shared.storeOutcomes(settings.liveRetention())));
                if (config.cluster().role() != AppConfig.Role.API) {
                    builder.fetchWorker(instanceName() + "-" + UUID.randomUUID().toString().substring(0, 8), WORKER_MAX_IN_FLIGHT,
                            TASK_VISIBILITY.dividedBy(3));
                }
            }
            ChannelSenders senders = ChannelSenders.create(notifySettings(config.alerts()));
            resources.add(senders);
            builder.notificationChannel(senders).alertSettings(alertSettings(config));
            JooqPersistence persistence = null;
            if (database != null) {
                persistence = started(database);
                database = null;
                resources.add(persistence);
                this.persistence = persistence;
                syncVendors(persistence, vendors);
                builder.persistence(persistence.searches(), persistence.products(), persistence.catalog(), persistence.categories(),
                        persistence.analytics(),
                        persistence.transactions(), persistence.health());
                builder.deadLetters(persistence.deadLetters());
                // alerts on PostgreSQL, re-checked on db-scheduler: each due task runs on one instance only
                builder.alertPersistence(persistence.alerts(), persistence.outbox(), persistence.trackedProducts(), persistence.retention())
                        .recheckScheduler(persistence.recheckScheduler(instanceName(), SCHEDULER_POLL));
            }
            built = builder.build();
            this.core = built;
            observe.recorderGauges(core::recorderStats)
                    .gauge("dondelocompro.searches.in_memory", "Searches held in memory (running and recently finished)",
                            core::searchesInMemory);
            if (shared != null) {
                observe.gauge("dondelocompro.fetch_tasks.run", "Store fetch tasks this instance's worker ran to the end", core::fetchTasksRun)
                        .gauge("dondelocompro.fetch_tasks.dropped",
                                "Store fetch tasks all instances dropped unrun, their deadline past (-1: Redis does not answer)",
                                core::fetchTasksDropped);
            }
            if (persistence != null) {
                JooqPersistence db = persistence;
                // many instances: a search younger than the deadline and its grace may be running on another one
                int interrupted = markInterruptedSearches(core, shared == null ? Duration.ZERO
                        : config.searchTimeout().plusSeconds(30));
                observe.gauge("dondelocompro.searches.interrupted_at_startup",
                        "Searches a previous process left running (it crashed), marked interrupted at this start-up", () -> interrupted);
                observe.gauge("dondelocompro.db.pool.active", "Database connections in use", () -> db.poolStats().active())
                        .gauge("dondelocompro.db.pool.idle", "Database connections open and idle", () -> db.poolStats().idle())
                        .gauge("dondelocompro.db.pool.total", "Database connections open", () -> db.poolStats().total())
                        .gauge("dondelocompro.db.pool.waiting", "Callers waiting for a database connection", () -> db.poolStats().waiting())
                        .gauge("dondelocompro.db.pool.max", "Most database connections the pool may open", () -> db.poolStats().max());
            }
            HttpSettings http1 = HttpSettings.defaults(VERSION + (demo ? " (demo)" : ""))
                    .withCorsOrigins(config.corsOrigins())
                    .withSearchesPerMinute(config.rateLimitPerMinute())
                    .withDemo(demo)
                    .withTrustedProxies(config.cluster().trustedProxies())
                    .withSharedRateLimits(shared == null ? null : shared.rateLimitCounters());
            AtomicBoolean firstServed = new AtomicBoolean();
            HttpUseCases useCases = new HttpUseCases(core.startSearch(), core.getSearch(), core.subscribeToSearch(),
                    core.vendors(), core.health(), core.priceHistory(), core.popularSearches(), core.storePerformance(),
                    core.catalogProducts(), core.alerts());
            this.server = DondeLoComproHttp.configure(WebServer.builder(), http1)
                    .port(config.port())
                    // our own hook stops the server, after the searches have finished and the recorder flushed
                    .shutdownHook(false)
                    .addFeature(observe.feature(core.health()))
                    .routing(r -> {
                        r.addFilter((chain, req, res) -> {
                            chain.proceed();
                            if (firstServed.compareAndSet(false, true)) {
                                LOG.log(Level.INFO, "first request served {0} ms after the JVM started", sinceJvmStart());
                            }
                        });
                        if (config.cluster().role() == AppConfig.Role.WORKER) {
                            DondeLoComproHttp.workerRouting(r, useCases, http1);
                        } else {
                            DondeLoComproHttp.routing(r, useCases, http1);
                        }
                    })
                    .addRouting(config.cluster().role() == AppConfig.Role.WORKER ? io.helidon.webserver.websocket.WsRouting.builder()
                            : DondeLoComproHttp.webSocketRouting(useCases, http1))
                    .build()
                    .start();
            if (!server.isRunning()) {
                // Helidon logs why and answers port -1 instead of throwing: say it in terms of our configuration
                throw new ConfigException(whyNotListening(config.port()));
            }
        } catch (RuntimeException e) {
            if (built != null) {
                built.close(Duration.ZERO);
            }
            if (database != null) {
                closeWhenStarted(database);
            }
            closeResources();
            throw e;
        }
        LOG.log(Level.INFO, "DondeLoCompro {0} listening on http://localhost:{1}/ ({2} stores active{3}; database {4}; {5}; started in {6} ms)",
                VERSION, String.valueOf(server.port()), core.vendors().vendors().stream().filter(Vendor::active).count(),
                demo ? ", DEMO stores on loopback" : "", config.databaseEnabled() ? "enabled" : "disabled (in memory)",
                config.cluster().redisUrl().map(u -> "shared through Redis at " + RedisSharedState.withoutSecrets(u))
                        .orElse("one instance, no Redis"), sinceJvmStart());
    }

    /**
     * Many instances: a fetch task its worker has not kept for this long (it keeps its tasks every third of it while
     * their stores are slow) is given to another worker; short against the search deadline, so that a dead worker's
     * task still has time to run elsewhere.
     */
    static final Duration TASK_VISIBILITY = Duration.ofSeconds(3);
    /** Fetch tasks one worker runs at once: the stores' gates, not this, bound what reaches a store. */
    static final int WORKER_MAX_IN_FLIGHT = 256;

    /** How often db-scheduler looks for due tasks: the outbox is delivered within about this much of being written. */
    static final Duration SCHEDULER_POLL = Duration.ofSeconds(1);

    private static NotifySettings notifySettings(AppConfig.Alerts alerts) {
        NotifySettings settings = NotifySettings.defaults("DondeLoCompro/" + VERSION + " (price alerts)")
                .allowingPrivateTargets(alerts.allowPrivateTargets());
        if (alerts.smtpHost().isPresent()) {
            settings = settings.withSmtp(new NotifySettings.Smtp(alerts.smtpHost().get(), alerts.smtpPort(),
                    alerts.smtpUser().orElse(null), alerts.smtpPassword().orElse(null), alerts.smtpFrom(), alerts.smtpStartTls()));
        }
        return settings;
    }

    private static AlertSettings alertSettings(AppConfig config) {
        AppConfig.Alerts a = config.alerts();
        return AlertSettings.defaults().withTrackInterval(a.trackInterval()).withAlertsPerTarget(a.alertsPerTarget())
                .withTrackPopular(a.trackPopular()).withPriceRetentionDays(a.priceRetentionDays())
                .withPublicBaseUrl(a.publicBaseUrl().orElse(java.net.URI.create("http://localhost:" + config.port())));
    }

    /** This instance among others on the same database, in db-scheduler's {@code picked_by}. */
    private static String instanceName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** The demo stores when running in demo mode (their prices can be changed, for alert tests); else empty. */
    public java.util.Optional<DemoStores> demoStores() {
        return java.util.Optional.ofNullable(demoStores);
    }

    /** The cause of a server that did not start, named after the variable that chose its port. */
    private static String whyNotListening(int port) {
        if (port != 0) {
            try (ServerSocket probe = new ServerSocket(port)) {
                probe.setReuseAddress(true);
            } catch (BindException inUse) {
                return "PORT: " + port + " is already in use";
            } catch (IOException e) {
                return "PORT: cannot listen on " + port + ": " + e.getMessage();
            }
        }
        return "PORT: the web server could not listen on " + port + " (its log above says why)";
    }

    /** Starts the service with this configuration. */
    public static DondeLoComproApp start(AppConfig config) {
        return new DondeLoComproApp(config, false);
    }

    /** Starts the service with demo stores that answer at once, for tests. */
    public static DondeLoComproApp startWithFastDemo(AppConfig config) {
        return new DondeLoComproApp(config, true);
    }

    private DatabaseConfig databaseConfig(AppConfig config) {
        String url = config.databaseUrl().orElseThrow();
        String user = config.databaseUser().orElse(null);
        String password = config.databasePassword().orElse(null);
        if (url.equals(AppConfig.EMBEDDED)) {
            EmbeddedPostgres embedded = embedded(config.dataDir());
            resources.add(embedded);
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = null;
        }
        return new DatabaseConfig(url, user, password, config.poolSize(), config.maxOverflow(), config.migrate());
    }

    /**
     * The Redis many instances share, when {@code REDIS_URL} is set: its health (on {@code /health}), the rate-limit
     * counters, the stores' host gates, the fetch tasks and store outcomes, and the event logs, running searches and
     * leases of searches. Redis need not answer at start-up: the instance works alone (degraded) until it does.
     */
    private RedisSharedState startSharedState(AppConfig.Cluster cluster) {
        if (cluster.redisUrl().isEmpty()) {
            return null;
        }
        RedisSharedState shared = RedisSharedState.connect(cluster.redisUrl().get(), cluster.redisKeyPrefix());
        resources.add(shared);
        return shared;
    }

    /** Starts the jOOQ adapters, or fails with a start-up error that names DATABASE_URL and says why the database is unusable. */
    private static Callable<JooqPersistence> startPersistence(DatabaseConfig db) {
        return () -> {
            try {
                return JooqPersistence.start(db);
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                throw new ConfigException("DATABASE_URL: cannot use the database at " + DatabaseConfig.withoutSecrets(db.url())
                        + ": " + root.getMessage(), e);
            }
        };
    }

    /** What a start-up thread made, once made, or the error that stopped it. */
    private static <T> T started(FutureTask<T> starting) {
        try {
            return starting.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("start-up failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during start-up", e);
        }
    }

    /** Start-up failed elsewhere: the adapters, if they start, are closed again. */
    private static void closeWhenStarted(FutureTask<JooqPersistence> database) {
        try {
            started(database).close();
        } catch (RuntimeException alreadyReported) {
            // the failure that stopped the start-up is the one to report
        }
    }

    /** The configured stores into the vendors table; a failure here is worth a warning, not a refusal to start. */
    private static void syncVendors(JooqPersistence persistence, List<Vendor> vendors) {
        try {
            LOG.log(Level.INFO, "vendors table in line with the {0} configured stores ({1} rows changed)",
                    vendors.size(), persistence.syncVendors(vendors));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not bring the vendors table in line with the configured stores", e);
        }
    }

    /**
     * Before any search is taken: the searches a previous process left {@code running} were cut off by a crash
     * (kill -9, power loss); they are marked interrupted, so that their ids answer with that status. A database
     * that does not answer now is worth a warning, not a refusal to start: those stay running.
     */
    private static int markInterruptedSearches(DondeLoCompro core, Duration olderThan) {
        try {
            int marked = core.markInterruptedSearches(olderThan);
            LOG.log(marked == 0 ? Level.INFO : Level.WARNING,
                    "{0} searches left running by a previous process (crashed?) marked interrupted", marked);
            return marked;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not mark the searches a previous process left running as interrupted", e);
            return 0;
        }
    }

    /** A PostgreSQL of our own, its files in {@code dataDir/postgres} so that they survive restarts. */
    private static EmbeddedPostgres embedded(Path dataDir) {
        try {
            Path dir = dataDir.resolve("postgres").toAbsolutePath();
            Files.createDirectories(dir);
            LOG.log(Level.INFO, "starting an embedded PostgreSQL in {0}", dir);
            return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public int port() {
        return server.port();
    }

    public DondeLoCompro core() {
        return core;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.INFO, "shutting down: no new searches; running ones get {0} ms", grace.toMillis());
        core.close(grace);
        var stats = core.recorderStats();
        LOG.log(Level.INFO, "recorder flushed: {0} saved, {1} failed, {2} left, {3} set aside as dead letters, {4} offers left out",
                stats.saved(), stats.failed(), stats.backlog(), stats.deadLettered(), stats.offersDropped());
        server.stop();
        closeResources();
        LOG.log(Level.INFO, "stopped");
    }

    /**
     * For tests of many instances: this instance stops as if its process died, without ending its searches: it
     * leaves Redis and the database at once (no more events, lease renewals nor recording) and stops listening.
     */
    void haltAsIfKilled() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.WARNING, "halting as if killed: searches left as they are");
        if (sharedState != null) {
            sharedState.close();
        }
        if (persistence != null) {
            persistence.close();
        }
        server.stop();
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + resources.get(i).getClass().getSimpleName() + " failed", e);
            }
        }
        resources.clear();
    }
}
