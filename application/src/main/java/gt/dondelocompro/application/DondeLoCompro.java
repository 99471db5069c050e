package gt.dondelocompro.application;

import gt.dondelocompro.application.memory.InMemoryAlertRepository;
import gt.dondelocompro.application.memory.InMemoryAnalyticsRepository;
import gt.dondelocompro.application.memory.InMemoryCatalogProductRepository;
import gt.dondelocompro.application.memory.InMemoryCategoryRepository;
import gt.dondelocompro.application.memory.InMemoryDeadLetterRepository;
import gt.dondelocompro.application.memory.InMemoryNotificationOutbox;
import gt.dondelocompro.application.memory.InMemoryTrackedProductRepository;
import gt.dondelocompro.application.memory.InProcessRecheckScheduler;
import gt.dondelocompro.application.memory.InMemoryProductRepository;
import gt.dondelocompro.application.memory.InMemorySearchRepository;
import gt.dondelocompro.application.memory.InMemoryTransactions;
import gt.dondelocompro.application.memory.NoDatabase;
import gt.dondelocompro.application.port.in.AlertUseCase;
import gt.dondelocompro.application.port.in.CatalogProductUseCase;
import gt.dondelocompro.application.port.in.GetSearchUseCase;
import gt.dondelocompro.application.port.in.HealthUseCase;
import gt.dondelocompro.application.port.in.ListVendorsUseCase;
import gt.dondelocompro.application.port.in.PopularSearchesUseCase;
import gt.dondelocompro.application.port.in.PriceHistoryUseCase;
import gt.dondelocompro.application.port.in.RecorderStats;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.StorePerformanceUseCase;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;
import gt.dondelocompro.application.port.out.AlertRepository;
import gt.dondelocompro.application.port.out.AnalyticsRepository;
import gt.dondelocompro.application.port.out.CatalogProductRepository;
import gt.dondelocompro.application.port.out.CategoryRepository;
import gt.dondelocompro.application.port.out.DeadLetterRepository;
import gt.dondelocompro.application.port.out.NotificationChannel;
import gt.dondelocompro.application.port.out.NotificationOutbox;
import gt.dondelocompro.application.port.out.PersistenceHealth;
import gt.dondelocompro.application.port.out.SharedStateHealth;
import gt.dondelocompro.application.port.out.PriceRetention;
import gt.dondelocompro.application.port.out.RecheckScheduler;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.SearchObserver;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.application.port.out.TrackedProductRepository;
import gt.dondelocompro.application.port.out.TransactionBoundary;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.service.AlertService;
import gt.dondelocompro.application.service.FetchWorker;
import gt.dondelocompro.application.service.AlertSettings;
import gt.dondelocompro.application.service.AnalyticsService;
import gt.dondelocompro.application.service.CatalogProductService;
import gt.dondelocompro.application.service.FinishedSearchWriter;
import gt.dondelocompro.application.service.HealthService;
import gt.dondelocompro.application.service.NotificationDispatcher;
import gt.dondelocompro.application.service.RecheckService;
import gt.dondelocompro.application.service.RetryPolicy;
import gt.dondelocompro.application.service.RolloutPolicy;
import gt.dondelocompro.application.service.SearchRecorder;
import gt.dondelocompro.application.service.SearchService;
import gt.dondelocompro.application.service.SearchSettings;
import gt.dondelocompro.application.service.StartedSearchWriter;
import gt.dondelocompro.application.service.StoreHealthMonitor;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchStatus;
import gt.dondelocompro.domain.Vendor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The core, assembled: the entry point for those who embed DondeLoCompro as a library. Bring your stores;
 * persistence is in memory unless you hand in other adapters. Hands out the use cases; close it to finish
 * running searches and flush the recorder.
 */
public final class DondeLoCompro implements AutoCloseable {

    private final SearchService searches;
    private final SearchRecorder recorder;
    private final StartedSearchWriter started;
    private final SearchRepository searchRepository;
    private final Clock clock;
    private final AnalyticsService analytics;
    private final HealthService health;
    private final CatalogProductService catalogProducts;
    private final RecheckScheduler scheduler;
    private final RecheckService rechecks;
    private final NotificationDispatcher dispatcher;
    private final AlertService alerts;
    private final PriceRetention retention;
    private final AlertSettings alertSettings;
    /** Runs the shared fetch tasks of every instance's searches; null when this instance runs none. */
    private final FetchWorker worker;
    private final gt.dondelocompro.application.service.SharedSearches searchesShared;

    private DondeLoCompro(Builder b) {
        CatalogProductRepository catalog = b.catalogRepository != null ? b.catalogRepository
                : new InMemoryCatalogProductRepository(b.productRepository);
        this.recorder = new SearchRecorder(new FinishedSearchWriter(b.transactions, b.searchRepository, b.productRepository,
                catalog, b.categoryRepository, b.analyticsRepository), b.deadLetters, b.rollout, b.retry,
                SearchRecorder.DEFAULT_MAX_BACKLOG, b.persistenceHealth);
        this.started = new StartedSearchWriter(b.searchRepository, b.rollout);
        this.searchRepository = b.searchRepository;
        this.clock = b.clock;
        StoreHealthMonitor storeHealth = new StoreHealthMonitor(b.clock, b.searchRepository::storeAttemptsSince);
        this.searchesShared = b.sharedSearches;
        this.searches = new SearchService(b.stores, b.searchRepository, recorder, b.settings, b.clock, b.ids,
                new BothObservers(storeHealth, b.observer), started, b.sharedSearches);
        if (b.workerName != null) {
            if (b.sharedSearches == null || !b.sharedSearches.dispatchesFetches()) {
                throw new IllegalStateException("a fetch worker needs shared searches with fetch tasks and store outcomes");
            }
            this.worker = new FetchWorker(b.workerName, b.stores.stream().filter(st -> st.vendor().active()).toList(),
                    b.sharedSearches.tasks(), b.sharedSearches.outcomes(), b.clock, b.workerMaxInFlight, b.workerKeepEvery);
        } else {
            this.worker = null;
        }
        this.analytics = new AnalyticsService(b.analyticsRepository, b.productRepository, b.clock);
        this.catalogProducts = new CatalogProductService(catalog, b.clock);
        List<Vendor> vendors = b.vendors != null ? b.vendors : b.stores.stream().map(Store::vendor).toList();
        this.health = new HealthService(vendors, b.persistenceHealth, recorder, b.clock, storeHealth, b.sharedStateHealth);

        // alerts: in memory (with an in-process scheduler) unless adapters of their ports are handed in
        this.alertSettings = b.alertSettings;
        InMemoryNotificationOutbox memoryOutbox = new InMemoryNotificationOutbox();
        AlertRepository alertRepository = b.alertRepository != null ? b.alertRepository : new InMemoryAlertRepository(memoryOutbox);
        NotificationOutbox outbox = b.outbox != null ? b.outbox : memoryOutbox;
        TrackedProductRepository tracked = b.trackedProducts != null ? b.trackedProducts
                : b.productRepository instanceof InMemoryProductRepository p && catalog instanceof InMemoryCatalogProductRepository c
                ? new InMemoryTrackedProductRepository(p, c) : target -> List.of();
        this.retention = b.retention;
        this.scheduler = b.scheduler != null ? b.scheduler : new InProcessRecheckScheduler(b.clock);
        this.rechecks = new RecheckService(b.stores, alertRepository, outbox, tracked, b.productRepository, b.transactions,
                scheduler, b.alertSettings, b.clock, b.ids);
        this.dispatcher = new NotificationDispatcher(alertRepository, outbox, b.notificationChannel, b.alertSettings, b.clock);
        this.alerts = new AlertService(alertRepository, outbox, tracked, b.transactions, b.notificationChannel, scheduler, rechecks,
                b.alertSettings, b.clock, b.ids);
        List<RecheckScheduler.PeriodicJob> jobs = new ArrayList<>();
        jobs.add(new RecheckScheduler.PeriodicJob("deliver-notifications", b.alertSettings.deliveryPoll(), dispatcher::deliverDue));
        jobs.add(new RecheckScheduler.PeriodicJob("roll-up-prices", Duration.ofDays(1), this::rollUpOldPrices));
        // a target whose last alert went while a new one was being made may have lost its task: give it back
        jobs.add(new RecheckScheduler.PeriodicJob("track-targets", b.alertSettings.trackInterval(), rechecks::trackAll));
        if (b.alertSettings.trackPopular() > 0) {
            jobs.add(new RecheckScheduler.PeriodicJob("refresh-popular", b.alertSettings.trackInterval(), this::refreshPopularQueries));
        }
        scheduler.start(rechecks::recheck, jobs);
        try {
            rechecks.trackAll();
        } catch (RuntimeException e) {
            System.getLogger(DondeLoCompro.class.getName()).log(System.Logger.Level.WARNING,
                    "could not look up the tracked products at start-up; the scheduler keeps what it had", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public StartSearchUseCase startSearch() {
        return searches;
    }

    public GetSearchUseCase getSearch() {
        return searches;
    }

    public SubscribeToSearchUseCase subscribeToSearch() {
        return searches;
    }

    public PopularSearchesUseCase popularSearches() {
        return analytics;
    }

    public StorePerformanceUseCase storePerformance() {
        return analytics;
    }

    public PriceHistoryUseCase priceHistory() {
        return analytics;
    }

    public CatalogProductUseCase catalogProducts() {
        return catalogProducts;
    }

    public HealthUseCase health() {
        return health;
    }

    public AlertUseCase alerts() {
        return alerts;
    }

    /** Re-checks a target now (its key, e.g. {@code product:12}), as its scheduled task does; for tests and tools. */
    public java.util.Optional<Instant> recheckNow(String targetKey) {
        return rechecks.recheck(targetKey);
    }

    /** One round of the outbox's delivery, as its scheduled job does; returns how many arrived. For tests and tools. */
    public int deliverNotificationsNow() {
        return dispatcher.deliverDue();
    }

    /** Rolls up the raw prices older than {@code PRICE_RETENTION_DAYS} into daily rows, as the daily job does. */
    public long rollUpOldPrices() {
        return retention.rollUpBefore(clock.instant().minus(Duration.ofDays(alertSettings.priceRetentionDays())));
    }

    /** Re-runs the week's most popular queries without the cache ({@code TRACK_POPULAR}), keeping them warm and dense. */
    private void refreshPopularQueries() {
        for (var popular : analytics.popularSearches(7, alertSettings.trackPopular())) {
            try {
                searches.startSearch(StartSearchCommand.of(popular.query(), null, false));
            } catch (RuntimeException e) {
                System.getLogger(DondeLoCompro.class.getName()).log(System.Logger.Level.WARNING,
                        "re-running the popular query failed: " + e.getMessage());
            }
        }
    }

    public ListVendorsUseCase vendors() {
        return health;
    }

    /** The search service itself, for wiring and tests. */
    public SearchService searchService() {
        return searches;
    }

    public SearchRecorder recorder() {
        return recorder;
    }

    /** The background recorder's counters, for operators' gauges. */
    public RecorderStats recorderStats() {
        return recorder.stats();
    }

    /** How many fetch tasks this instance's worker ran to the end (0 when it runs none). */
    public long fetchTasksRun() {
        return worker == null ? 0 : worker.tasksRun();
    }

    /**
     * Many instances: how many fetch tasks all instances dropped unrun because their deadline passed first; 0 without
     * shared fetch tasks, -1 while Redis does not answer.
     */
    public long fetchTasksDropped() {
        if (searchesShared == null || !searchesShared.dispatchesFetches()) {
            return 0;
        }
        try {
            return searchesShared.tasks().dropped();
        } catch (gt.dondelocompro.application.port.out.SharedStateUnavailableException e) {
            return -1;
        }
    }

    /** How many searches are held in memory now, for operators' gauges. */
    public int searchesInMemory() {
        return searches.searchesInMemory();
    }

    /**
     * Marks the searches a previous process left {@code running} (it crashed before they finished) as
     * interrupted; call it once at start-up, before taking searches. Returns how many were marked.
     *
     * @throws gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException when storage does not answer
     */
    public int markInterruptedSearches() {
        return markInterruptedSearches(Duration.ZERO);
    }

    /** As {@link #markInterruptedSearches()}, only those created at least {@code olderThan} ago (many instances). */
    public int markInterruptedSearches(Duration olderThan) {
        Instant now = clock.instant();
        return searchRepository.markInterrupted(now.minus(olderThan), now);
    }

    /** Stops taking searches, lets running ones finish within {@code grace}, then flushes the recorder within {@code grace}. */
    public void close(Duration grace) {
        scheduler.close();
        searches.close(grace);
        if (worker != null) {
            worker.close(grace); // after this instance's searches, which its own worker may be serving
        }
        started.close();
        recorder.close(grace);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(15));
    }

    /** Assembles the core; everything but the stores has a default. */
    public static final class Builder {
        private final List<Store> stores = new ArrayList<>();
        private List<Vendor> vendors;
        private SearchRepository searchRepository = new InMemorySearchRepository();
        private ProductRepository productRepository = new InMemoryProductRepository();
        /** Null: in memory, over whatever product repository is in use. */
        private CatalogProductRepository catalogRepository;
        private CategoryRepository categoryRepository = new InMemoryCategoryRepository();
        private AnalyticsRepository analyticsRepository = new InMemoryAnalyticsRepository();
        private TransactionBoundary transactions = new InMemoryTransactions();
        private PersistenceHealth persistenceHealth = new NoDatabase();
        private SharedStateHealth sharedStateHealth = SharedStateHealth.NONE;
        private gt.dondelocompro.application.service.SharedSearches sharedSearches;
        private String workerName;
        private int workerMaxInFlight;
        private Duration workerKeepEvery;
        private DeadLetterRepository deadLetters = new InMemoryDeadLetterRepository();
        private RolloutPolicy rollout = RolloutPolicy.everything();
        private RetryPolicy retry = RetryPolicy.standard();
        private SearchSettings settings = SearchSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private Supplier<UUID> ids = UUID::randomUUID;
        private SearchObserver observer = SearchObserver.NONE;
        private AlertRepository alertRepository;
        private NotificationOutbox outbox;
        private TrackedProductRepository trackedProducts;
        private PriceRetention retention = PriceRetention.NONE;
        private RecheckScheduler scheduler;
        private NotificationChannel notificationChannel = NotificationChannel.NONE;
        private AlertSettings alertSettings = AlertSettings.defaults();

        private Builder() {
        }

        public Builder store(Store store) {
            stores.add(Objects.requireNonNull(store, "store"));
            return this;
        }

        public Builder stores(List<? extends Store> all) {
            all.forEach(this::store);
            return this;
        }

        /** Every configured store, active or not, as {@code /vendors} and {@code /health} list them (default: the stores given). */
        public Builder vendors(List<Vendor> all) {
            this.vendors = List.copyOf(all);
            return this;
        }

        /** Replaces the in-memory persistence with other adapters of the same ports, such as jOOQ on PostgreSQL. */
        public Builder persistence(SearchRepository searches, ProductRepository products, CatalogProductRepository catalog,
                                   CategoryRepository categories, AnalyticsRepository analytics,
                                   TransactionBoundary transactions, PersistenceHealth health) {
            this.searchRepository = Objects.requireNonNull(searches);
            this.productRepository = Objects.requireNonNull(products);
            this.catalogRepository = Objects.requireNonNull(catalog);
            this.categoryRepository = Objects.requireNonNull(categories);
            this.analyticsRepository = Objects.requireNonNull(analytics);
            this.transactions = Objects.requireNonNull(transactions);
            this.persistenceHealth = Objects.requireNonNull(health);
            return this;
        }

        /**
         * Many instances: the searches' shared event logs, running searches and leases, and (when it has them) the
         * shared fetch tasks, which some instance's worker must run: see {@link #fetchWorker}.
         */
        public Builder sharedSearches(gt.dondelocompro.application.service.SharedSearches shared) {
            this.sharedSearches = Objects.requireNonNull(shared);
            return this;
        }

        /**
         * Many instances whose shared searches dispatch fetch tasks: this instance runs them too, as worker
         * {@code name} (unique among the instances), at most {@code maxInFlight} at once, keeping each every
         * {@code keepEvery} (a third of the queue's visibility timeout). Without it, this instance runs none
         * ({@code DLC_ROLE=api}).
         */
        public Builder fetchWorker(String name, int maxInFlight, Duration keepEvery) {
            this.workerName = Objects.requireNonNull(name);
            this.workerMaxInFlight = maxInFlight;
            this.workerKeepEvery = Objects.requireNonNull(keepEvery);
            return this;
        }

        /** State shared with other instances (Redis): its health joins the service's. */
        public Builder sharedState(SharedStateHealth health) {
            this.sharedStateHealth = Objects.requireNonNull(health);
            return this;
        }

        /** Where the recorder sets aside searches the store of record refuses even without offers (default: in memory). */
        public Builder deadLetters(DeadLetterRepository deadLetters) {
            this.deadLetters = Objects.requireNonNull(deadLetters);
            return this;
        }

        public Builder rollout(RolloutPolicy rollout) {
            this.rollout = Objects.requireNonNull(rollout);
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        public Builder settings(SearchSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder ids(Supplier<UUID> ids) {
            this.ids = Objects.requireNonNull(ids);
            return this;
        }

        /** Told of every search's start, store answers and end, such as operators' meters (default: nothing). */
        public Builder observer(SearchObserver observer) {
            this.observer = Objects.requireNonNull(observer);
            return this;
        }

        /** Replaces the in-memory alerts, outbox, tracked products and (no-op) price retention, e.g. with jOOQ's. */
        public Builder alertPersistence(AlertRepository alerts, NotificationOutbox outbox, TrackedProductRepository tracked,
                                        PriceRetention retention) {
            this.alertRepository = Objects.requireNonNull(alerts);
            this.outbox = Objects.requireNonNull(outbox);
            this.trackedProducts = Objects.requireNonNull(tracked);
            this.retention = Objects.requireNonNull(retention);
            return this;
        }

        /** Where re-checks and the alerts' jobs are scheduled (default: in process, lost at restart). */
        public Builder recheckScheduler(RecheckScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler);
            return this;
        }

        /** How notifications are delivered (default: none, they wait in the outbox). */
        public Builder notificationChannel(NotificationChannel channel) {
            this.notificationChannel = Objects.requireNonNull(channel);
            return this;
        }

        public Builder alertSettings(AlertSettings settings) {
            this.alertSettings = Objects.requireNonNull(settings);
            return this;
        }

        public DondeLoCompro build() {
            return new DondeLoCompro(this);
        }
    }

    /** Tells store health first, then the embedder's observer; one failing does not keep the other from being told. */
    private record BothObservers(SearchObserver first, SearchObserver second) implements SearchObserver {

        @Override
        public void searchStarted(boolean cached) {
            first.searchStarted(cached);
            second.searchStarted(cached);
        }

        @Override
        public void storeAnswered(String vendorId, int offers, Duration took) {
            try {
                first.storeAnswered(vendorId, offers, took);
            } finally {
                second.storeAnswered(vendorId, offers, took);
            }
        }

        @Override
        public void storeFailed(String vendorId, FailureKind kind, Duration took) {
            try {
                first.storeFailed(vendorId, kind, took);
            } finally {
                second.storeFailed(vendorId, kind, took);
            }
        }

        @Override
        public void storeFailed(String vendorId, StoreResult.Failure failure, Duration took) {
            try {
                first.storeFailed(vendorId, failure, took);
            } finally {
                second.storeFailed(vendorId, failure, took);
            }
        }

        @Override
        public void searchFinished(SearchStatus status, Duration took) {
            first.searchFinished(status, took);
            second.searchFinished(status, took);
        }
    }
}
