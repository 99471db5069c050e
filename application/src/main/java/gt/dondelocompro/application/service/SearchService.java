package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.GetSearchUseCase;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.ServiceClosedException;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;
import gt.dondelocompro.application.port.out.SearchObserver;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import gt.dondelocompro.application.port.out.StoreRequest;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;
import gt.dondelocompro.domain.Vendor;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs searches: asks every active store in parallel on virtual threads, publishes each offer the moment its
 * store answers, gives each store a timeout and the search a deadline, so one store's failure or slowness
 * never affects the others. Finished searches go to the {@link SearchRecorder}; recent ones stay in memory
 * for their subscribers and are evicted after a bounded count and age.
 */
public final class SearchService implements StartSearchUseCase, GetSearchUseCase, SubscribeToSearchUseCase, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SearchService.class.getName());

    private final List<Store> stores;
    private final SearchRepository searches;
    private final SearchRecorder recorder;
    private final SearchSettings settings;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final SearchObserver observer;
    private final StartedSearchWriter started;
    private final Map<UUID, LiveSearch> live = new ConcurrentHashMap<>();
    private final Map<UUID, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    public SearchService(List<Store> stores, SearchRepository searches, SearchRecorder recorder,
                         SearchSettings settings, Clock clock, Supplier<UUID> ids) {
        this(stores, searches, recorder, settings, clock, ids, SearchObserver.NONE);
    }

    public SearchService(List<Store> stores, SearchRepository searches, SearchRecorder recorder,
                         SearchSettings settings, Clock clock, Supplier<UUID> ids, SearchObserver observer) {
        this(stores, searches, recorder, settings, clock, ids, observer, null);
    }

    /** {@code started}, when given, writes each search's header row as it starts (null: none written). */
    public SearchService(List<Store> stores, SearchRepository searches, SearchRecorder recorder, SearchSettings settings,
                         Clock clock, Supplier<UUID> ids, SearchObserver observer, StartedSearchWriter started) {
        this.started = started;
        this.stores = stores.stream().filter(s -> s.vendor().active()).toList();
        this.searches = Objects.requireNonNull(searches, "searches");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.observer = Objects.requireNonNull(observer, "observer");
        long distinct = this.stores.stream().map(s -> s.vendor().id()).distinct().count();
        if (distinct != this.stores.size()) {
            throw new IllegalArgumentException("two active stores share an id");
        }
    }

    @Override
    public SearchTicket startSearch(StartSearchCommand command) {
        if (closed) {
            throw new ServiceClosedException("the service is shutting down and takes no new searches");
        }
        UUID id = ids.get();
        Instant now = clock.instant();
        if (command.useCache()) {
            Optional<SearchSnapshot> hit = cached(command.query(), command.maxResults(), now);
            if (hit.isPresent()) {
                register(new LiveSearch(Search.answeredFromCache(id, command.query(), hit.get(), now), clock));
                observe(o -> o.searchStarted(true));
                return SearchTicket.fromCache(id, Duration.between(hit.get().completedAt(), now));
            }
        }
        LiveSearch search = register(new LiveSearch(Search.initiate(id, command.query(), command.maxResults(), now), clock));
        SearchSnapshot initiated = search.snapshot(); // before the stores are asked: a fast search may finish at once
        try {
            running.put(id, executor.submit(() -> run(search, command.query(), command.maxResults())));
        } catch (RejectedExecutionException closing) {
            // close() shut the executor down after our check above: this search never started
            live.remove(id);
            throw new ServiceClosedException("the service is shutting down and takes no new searches");
        }
        if (started != null) {
            started.submit(initiated);
        }
        observe(o -> o.searchStarted(false));
        return SearchTicket.started(id);
    }

    /** A completed, non-cached search of the same normalized query and size, young enough: from memory first, then storage. */
    private Optional<SearchSnapshot> cached(SearchQuery query, int maxResults, Instant now) {
        Instant notBefore = now.minus(settings.cacheMaxAge());
        // only a matching search is copied: copying every search in memory on each start would be wasteful
        Optional<SearchSnapshot> recent = live.values().stream()
                .filter(l -> l.read(s -> s.status() == SearchStatus.COMPLETED && !s.isCached()
                        && s.query().normalized().equals(query.normalized()) && s.maxResults() == maxResults))
                .map(LiveSearch::snapshot)
                .filter(s -> !s.completedAt().isBefore(notBefore))
                .max(Comparator.comparing(SearchSnapshot::completedAt));
        if (recent.isPresent()) {
            return recent;
        }
        try {
            return searches.findLatestCompleted(query.normalized(), maxResults, notBefore);
        } catch (RuntimeException e) {
            // the cache is an optimisation: a store of record that is down must not stop the search
            LOG.log(Level.WARNING, "cache lookup failed, searching the stores instead: {0}", e.toString());
            return Optional.empty();
        }
    }

    private void run(LiveSearch search, SearchQuery query, int maxResults) {
        try {
            fanOut(search, query, maxResults);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "search " + query.original() + " failed", e);
            search.update(s -> {
                if (!s.isFinished()) {
                    s.fail("the search failed unexpectedly: " + e.getMessage(), clock.instant());
                    finished(s);
                }
            });
        } finally {
            SearchSnapshot finished = search.snapshot();
            running.remove(finished.id());
            recorder.submit(finished);
        }
    }

    private void fanOut(LiveSearch search, SearchQuery query, int maxResults) {
        List<Store> asked = stores;
        if (asked.isEmpty()) {
            search.update(s -> {
                s.fail("no active stores are configured", clock.instant());
                finished(s);
            });
            return;
        }
        search.update(s -> {
            Instant now = clock.instant();
            s.start(asked.stream().map(Store::vendor).toList(), now);
            asked.forEach(store -> s.vendorStarted(store.vendor().id(), now));
        });
        CountDownLatch answered = new CountDownLatch(asked.size());
        Map<String, Future<?>> tasks = new LinkedHashMap<>();
        Duration wait = min(settings.storeTimeout(), settings.searchDeadline());
        Instant deadline = clock.instant().plus(wait);
        for (Store store : asked) {
            String vendorId = store.vendor().id();
            // wanted while this store is still awaited: not once the deadline counted it as timed out, nor after the end
            StoreRequest request = new StoreRequest(query, maxResults, deadline,
                    () -> search.read(s -> !s.isFinished() && s.isPending(vendorId)));
            tasks.put(vendorId, executor.submit(() -> {
                try {
                    askStore(search, store, request);
                } finally {
                    answered.countDown();
                }
            }));
        }
        boolean allAnswered;
        String why;
        try {
            allAnswered = answered.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            why = "no answer within " + wait.toMillis() + " ms";
        } catch (InterruptedException e) {
            allAnswered = false;
            why = "the service shut down before the store answered";
        }
        // a store task interrupted by close() counts down without answering, so the latch alone cannot tell:
        // whatever is still pending now timed out (or was cut off by the shutdown)
        String reason = allAnswered ? "the service shut down before the store answered" : why;
        search.update(s -> {
            Instant now = clock.instant();
            for (String vendorId : s.pendingVendors()) {
                s.vendorFailed(vendorId, FailureKind.TIMEOUT, reason, wait, now);
                observe(o -> o.storeFailed(vendorId, new StoreResult.Failure(FailureKind.TIMEOUT, reason), wait));
                tasks.get(vendorId).cancel(true);
            }
        });
        search.update(s -> {
            s.complete(clock.instant());
            finished(s);
        });
    }

    /** Told under the search's lock, so that whoever sees the search finished also sees it counted. */
    private void finished(Search s) {
        SearchSnapshot done = s.snapshot();
        observe(o -> o.searchFinished(done.status(), done.duration().orElse(Duration.ZERO)));
    }

    private void askStore(LiveSearch search, Store store, StoreRequest request) {
        SearchQuery query = request.query();
        int maxResults = request.maxResults();
        Vendor vendor = store.vendor();
        Instant started = clock.instant();
        StoreResult result;
        try {
            result = store.search(request);
        } catch (InterruptedException e) {
            return; // cancelled at the deadline; the coordinator records the timeout
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "store " + vendor.id() + " threw instead of answering", e);
            result = new StoreResult.Failure(FailureKind.PARSE, "the store adapter failed: " + e);
        }
        StoreResult answer = Objects.requireNonNullElseGet(result,
                () -> new StoreResult.Failure(FailureKind.PARSE, "the store adapter returned nothing"));
        search.update(s -> {
            if (s.isFinished() || !s.isPending(vendor.id())) {
                return; // too late: the deadline already counted this store as timed out
            }
            Instant now = clock.instant();
            Duration took = Duration.between(started, now);
            switch (answer) {
                case StoreResult.Offers found -> {
                    List<Offer> offers = found.offers().stream().limit(maxResults).map(o -> o.scoredFor(query)).toList();
                    if (offers.stream().anyMatch(o -> !o.vendorId().equals(vendor.id()))) {
                        StoreResult.Failure wrong = new StoreResult.Failure(FailureKind.PARSE, "the store adapter returned offers of another store");
                        s.vendorFailed(vendor.id(), wrong.kind(), wrong.message(), took, now);
                        observe(o -> o.storeFailed(vendor.id(), wrong, took));
                    } else {
                        s.vendorAnswered(vendor.id(), offers, took, now);
                        observe(o -> o.storeAnswered(vendor.id(), offers.size(), took));
                    }
                }
                case StoreResult.Failure failure -> {
                    s.vendorFailed(vendor.id(), failure.kind(), failure.message(), took, now);
                    observe(o -> o.storeFailed(vendor.id(), failure, took));
                }
            }
        });
    }

    /** Meters must never fail a search. */
    private void observe(java.util.function.Consumer<SearchObserver> call) {
        try {
            call.accept(observer);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the search observer failed; ignored", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private LiveSearch register(LiveSearch search) {
        live.put(search.snapshot().id(), search);
        evictFinished();
        return search;
    }

    /** Finished searches leave memory after the retention time, and the oldest go first beyond the count. */
    private void evictFinished() {
        Instant cutoff = clock.instant().minus(settings.liveRetention());
        live.values().removeIf(s -> s.finishedAt() != null && s.finishedAt().isBefore(cutoff));
        int excess = live.size() - settings.liveSearchesKept();
        if (excess > 0) {
            List<Map.Entry<UUID, LiveSearch>> finished = new ArrayList<>(live.entrySet().stream()
                    .filter(e -> e.getValue().finishedAt() != null).toList());
            finished.sort(Comparator.comparing(e -> e.getValue().finishedAt()));
            finished.stream().limit(excess).forEach(e -> live.remove(e.getKey()));
        }
    }

    /** How many searches are held in memory now (running and recently finished). */
    public int searchesInMemory() {
        return live.size();
    }

    /**
     * From memory whatever the store of record does; from storage otherwise, which throws
     * {@link StoreOfRecordUnavailableException} while it is unreachable (the search may be there).
     */
    @Override
    public Optional<SearchSnapshot> getSearch(UUID searchId) {
        LiveSearch search = live.get(searchId);
        if (search != null) {
            return Optional.of(search.snapshot());
        }
        return searches.findById(searchId);
    }

    @Override
    public Optional<EventSubscription> subscribe(UUID searchId, long afterSequence) {
        LiveSearch search = live.get(searchId);
        if (search != null) {
            return Optional.of(search.subscribe(afterSequence));
        }
        try {
            return searches.findById(searchId).map(s -> new ReplaySubscription(s, afterSequence));
        } catch (StoreOfRecordUnavailableException down) {
            // a stream follows what can be followed now: nothing, when the search is not in memory and storage
            // does not answer (the results of the same id say 503, and EventSource gives up on either)
            LOG.log(Level.DEBUG, "search {0} is not in memory and the store of record is unreachable", searchId);
            return Optional.empty();
        }
    }

    /**
     * Stops taking searches, lets running ones finish for at most {@code grace}, then cancels the rest: their
     * stores are interrupted and recorded as timed out, and each search still completes and is recorded.
     */
    public void close(Duration grace) {
        closed = true;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Future<?> f : List.copyOf(running.values())) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunningOrFailed) {
                // cancelled below
            }
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "some store calls did not stop within 10 s of being cancelled");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes with a grace of the search deadline. */
    @Override
    public void close() {
        close(settings.searchDeadline());
    }
}
