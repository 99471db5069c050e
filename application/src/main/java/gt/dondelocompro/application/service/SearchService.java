package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.GetSearchUseCase;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.ServiceClosedException;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;
import gt.dondelocompro.application.port.out.FetchTask;
import gt.dondelocompro.application.port.out.SearchObserver;
import gt.dondelocompro.application.port.out.SearchRepository;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import gt.dondelocompro.application.port.out.StoreRequest;
import gt.dondelocompro.application.port.out.StoreOutcome;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.application.port.out.SharedStateUnavailableException;
import gt.dondelocompro.domain.CacheOrigin;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs searches: asks every active store in parallel on virtual threads, publishes each offer the moment its
 * store answers, gives each store a timeout and the search a deadline, so one store's failure or slowness
 * never affects the others. Finished searches go to the {@link SearchRecorder}; recent ones stay in memory
 * for their subscribers and are evicted after a bounded count and age.
 * <p>
 * An identical search (same normalized query and max_results) is never asked of the stores twice at once: one
 * still running is joined ({@link Search#joining}), a completed one young enough answers from the cache, and an
 * older one within the stale limit answers at once while one refresh per query asks the stores again. The searches
 * in memory are indexed by query, running and completed, and leave in the order they finished, so starting a
 * search costs the same however many are kept.
 * <p>
 * Many instances ({@link SharedSearches}): events go to the search's shared log, identical searches join across
 * instances, a dead instance's search is completed by another, and, when the shared searches dispatch fetches, each
 * store's part is a task for any instance's {@link FetchWorker}, whose answer comes back through the search's store
 * outcomes; this instance stays the one writer of the search's log.
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
    /** The search asking the stores for each query now: the one to join, or to refresh a stale answer with. */
    private final Map<SearchKey, LiveSearch> asking = new ConcurrentHashMap<>();
    /** The latest completed search in memory that asked the stores, per query: the cache's first place to look. */
    private final Map<SearchKey, LiveSearch> latestCompleted = new ConcurrentHashMap<>();
    /** Finished searches in the order they finished: eviction takes from the head. */
    private final Queue<LiveSearch> finishedOrder = new ConcurrentLinkedQueue<>();
    private final ReentrantLock evicting = new ReentrantLock();
    private final Map<UUID, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Many instances: what is shared; null when this process runs alone. */
    private final SharedSearches shared;
    /** Publishes events to the shared log and follows other instances' searches; apart, so close() can drain it. */
    private final ExecutorService publisher = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;
    /** Set once close() published what it could: the leases are no longer renewed. */
    private volatile boolean leasesStopped;
    /** How long a lease of a running search lasts unless renewed (renewed every {@link #LEASE_RENEWAL}). */
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration LEASE_RENEWAL = Duration.ofSeconds(1);
    static final String ORPHAN_REASON = "the instance running this search stopped";
    /** How long no fetch task is offered after Redis refused one: the stores are asked here meanwhile. */
    static final Duration DISPATCH_PAUSE = Duration.ofSeconds(1);
    /** {@link System#nanoTime()} until which no fetch task is offered (Redis refused one); in the past otherwise. */
    private volatile long dispatchPausedUntil = System.nanoTime();

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
        this(stores, searches, recorder, settings, clock, ids, observer, started, null);
    }

    /**
     * {@code shared}, when given, is what many instances share: each search's events are published to the shared log,
     * searches not in memory are read from it, identical searches join across instances, and searches whose instance
     * stopped are completed here. Null: this process alone, nothing shared.
     */
    public SearchService(List<Store> stores, SearchRepository searches, SearchRecorder recorder, SearchSettings settings,
                         Clock clock, Supplier<UUID> ids, SearchObserver observer, StartedSearchWriter started,
                         SharedSearches shared) {
        this.shared = shared;
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
        if (shared != null) {
            Thread.ofVirtual().name("search-leases").start(this::keepLeases);
        }
    }

    /** What makes two searches identical: the normalized query and the number of offers asked of each store. */
    private record SearchKey(String normalizedQuery, int maxResults) {
        static SearchKey of(SearchQuery query, int maxResults) {
            return new SearchKey(query.normalized(), maxResults);
        }

        static SearchKey of(LiveSearch search) {
            return of(search.query(), search.maxResults());
        }

        /** The key of the shared registry of running searches. */
        String shared() {
            return maxResults + "|" + normalizedQuery;
        }
    }

    @Override
    public SearchTicket startSearch(StartSearchCommand command) {
        if (closed) {
            throw new ServiceClosedException("the service is shutting down and takes no new searches");
        }
        UUID id = ids.get();
        Instant now = clock.instant();
        SearchKey key = SearchKey.of(command.query(), command.maxResults());
        SearchTicket ticket;
        if (!command.useCache()) {
            ticket = askStores(id, command.query(), key, now);
        } else {
            ticket = fromCache(id, command.query(), key, now).orElseGet(() -> joinOrAsk(id, command.query(), key, now));
        }
        evictFinished();
        return ticket;
    }

    /**
     * A completed search young enough answers at once; one older but within the stale limit too, marked stale,
     * while the search asking the stores for this query now (started here when there is none) refreshes it.
     */
    private Optional<SearchTicket> fromCache(UUID id, SearchQuery query, SearchKey key, Instant now) {
        Duration reach = settings.cacheStaleAge().compareTo(settings.cacheMaxAge()) > 0 ? settings.cacheStaleAge() : settings.cacheMaxAge();
        Optional<SearchSnapshot> hit = completedSince(key, now.minus(reach));
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        Duration age = Duration.between(hit.get().completedAt(), now);
        UUID refresh = null;
        if (settings.servesStale(age)) {
            refresh = asking.compute(key, (k, current) -> current != null ? current : launch(ids.get(), query, key.maxResults(), now)).id();
        }
        register(new LiveSearch(Search.answeredFromCache(id, query, hit.get(), now, refresh), clock, this::finished));
        observe(o -> o.searchStarted(true));
        return Optional.of(refresh == null ? SearchTicket.fromCache(id, age) : SearchTicket.stale(id, age, refresh));
    }

    /**
     * The latest completed search of this query that asked the stores, completed at or after {@code notBefore}: from
     * the index of the searches in memory first, then from storage.
     */
    private Optional<SearchSnapshot> completedSince(SearchKey key, Instant notBefore) {
        LiveSearch recent = latestCompleted.get(key);
        if (recent != null) {
            SearchSnapshot snapshot = recent.snapshot();
            if (!snapshot.completedAt().isBefore(notBefore)) {
                return Optional.of(snapshot);
            }
        }
        try {
            return searches.findLatestCompleted(key.normalizedQuery(), key.maxResults(), notBefore);
        } catch (RuntimeException e) {
            // the cache is an optimisation: a store of record that is down must not stop the search
            LOG.log(Level.WARNING, "cache lookup failed, searching the stores instead: {0}", e.toString());
            return Optional.empty();
        }
    }

    /** Follows the search asking the stores for this query, or, when there is none, becomes it. */
    private SearchTicket joinOrAsk(UUID id, SearchQuery query, SearchKey key, Instant now) {
        if (shared != null && !asking.containsKey(key)) {
            Optional<SearchTicket> remote = joinElsewhere(id, query, key, now);
            if (remote.isPresent()) {
                return remote.get();
            }
        }
        LiveSearch leader = asking.compute(key, (k, current) -> current != null ? current : launch(id, query, key.maxResults(), now));
        if (leader.id().equals(id)) {
            return askedStores(leader);
        }
        LiveSearch follower = register(new LiveSearch(Search.joining(id, query, leader.id(), key.maxResults(), now), clock, this::finished));
        leader.addFollower(follower);
        SearchSnapshot joined = follower.snapshot();
        if (started != null && !joined.isFinished()) {
            started.submit(joined);
        }
        observe(o -> o.searchStarted(true));
        return SearchTicket.joined(id, joined.status(), leader.id());
    }

    /** Asks the stores whatever runs (use_cache=false); identical searches started later may join this one. */
    private SearchTicket askStores(UUID id, SearchQuery query, SearchKey key, Instant now) {
        LiveSearch[] mine = new LiveSearch[1];
        asking.compute(key, (k, current) -> {
            mine[0] = launch(id, query, key.maxResults(), now);
            return current != null ? current : mine[0];
        });
        return askedStores(mine[0]);
    }

    private SearchTicket askedStores(LiveSearch search) {
        observe(o -> o.searchStarted(false));
        return SearchTicket.started(search.id());
    }

    /**
     * Registers a new search and starts asking the stores for it. Called inside {@link #asking}'s compute, so that
     * no identical search can start meanwhile: it takes no search's lock (a finishing search removes itself from
     * {@code asking} under its own). Throws {@link ServiceClosedException} when the service is closing.
     */
    private LiveSearch launch(UUID id, SearchQuery query, int maxResults, Instant now) {
        if (closed) {
            throw new ServiceClosedException("the service is shutting down and takes no new searches");
        }
        LiveSearch search = register(new LiveSearch(Search.initiate(id, query, maxResults, now), clock, this::finished));
        SearchSnapshot initiated = search.snapshot(); // before the stores are asked: a fast search may finish at once
        // in the map before it runs, so that its end always finds it there to remove
        FutureTask<Void> task = new FutureTask<>(() -> run(search, query, maxResults), null);
        running.put(id, task);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closing) {
            // close() shut the executor down after our check above: this search never started
            running.remove(id);
            live.remove(id);
            throw new ServiceClosedException("the service is shutting down and takes no new searches");
        }
        if (started != null) {
            started.submit(initiated);
        }
        if (shared != null) {
            sharedQuietly("claim a running search", () -> shared.running().claim(SearchKey.of(query, maxResults).shared(), id,
                    settings.searchDeadline().plus(LEASE)));
        }
        return search;
    }

    private LiveSearch register(LiveSearch search) {
        live.put(search.id(), search);
        if (search.finishedAt() != null) {
            finishedOrder.add(search); // a cached answer, finished as it is created
        }
        if (shared != null) {
            // held until its end is published (renewed meanwhile): another instance asked for it meanwhile waits for its log
            sharedQuietly("hold a search's lease", () -> shared.leases().hold(search.id(), clock.instant().plus(LEASE)));
            search.onChange(this::publishLater);
            publishLater(search);
        }
        return search;
    }

    /**
     * A search just finished, under its lock: it leaves the index of running searches and, completed after asking the
     * stores, becomes its query's latest in memory; it is queued for eviction and for recording.
     */
    private void finished(LiveSearch search) {
        SearchKey key = SearchKey.of(search);
        SearchSnapshot done = search.snapshot();
        if (done.status() == SearchStatus.COMPLETED && !done.answeredFromAnother()) {
            latestCompleted.put(key, search);
        }
        asking.remove(key, search);
        if (shared != null && !done.answeredFromAnother()) {
            sharedQuietly("release a running search", () -> shared.running().release(key.shared(), search.id()));
        }
        finishedOrder.add(search);
        recorder.submit(done);
    }

    private void run(LiveSearch search, SearchQuery query, int maxResults) {
        try {
            fanOut(search, query, maxResults);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "search " + query.original() + " failed", e);
            search.update(s -> {
                if (!s.isFinished()) {
                    s.fail("the search failed unexpectedly: " + e.getMessage(), clock.instant());
                    counted(s);
                }
            });
        } finally {
            running.remove(search.id());
        }
    }

    private void fanOut(LiveSearch search, SearchQuery query, int maxResults) {
        List<Store> asked = stores;
        if (asked.isEmpty()) {
            search.update(s -> {
                s.fail("no active stores are configured", clock.instant());
                counted(s);
            });
            return;
        }
        search.update(s -> {
            Instant now = clock.instant();
            s.start(asked.stream().map(Store::vendor).toList(), now);
            asked.forEach(store -> s.vendorStarted(store.vendor().id(), now));
        });
        Duration wait = min(settings.storeTimeout(), settings.searchDeadline());
        Instant deadline = clock.instant().plus(wait);
        // many instances: each store's part is a task for any instance's workers; a store whose task cannot be
        // added (Redis does not answer) is asked here, as by a lone instance
        Set<String> dispatched = new LinkedHashSet<>();
        List<Store> local = new ArrayList<>();
        for (Store store : asked) {
            if (dispatch(search.id(), store.vendor().id(), query, maxResults, deadline)) {
                dispatched.add(store.vendor().id());
            } else {
                local.add(store);
            }
        }
        CountDownLatch answered = new CountDownLatch(local.size());
        Map<String, Future<?>> tasks = new LinkedHashMap<>();
        for (Store store : local) {
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
        String timedOut = "no answer within " + wait.toMillis() + " ms";
        String shutDown = "the service shut down before the store answered";
        boolean stopped = !dispatched.isEmpty() && !followOutcomes(search, dispatched, deadline);
        boolean localAnswered = false;
        if (!stopped) {
            try {
                localAnswered = answered.await(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                stopped = true;
            }
        }
        boolean dispatchedPending = search.read(s -> dispatched.stream().anyMatch(s::isPending));
        // a store task interrupted by close() counts down without answering, so the latch alone cannot tell:
        // whatever is still pending now timed out (or was cut off by the shutdown)
        String reason = stopped || localAnswered && !dispatchedPending ? shutDown : timedOut;
        search.update(s -> {
            Instant now = clock.instant();
            for (String vendorId : s.pendingVendors()) {
                s.vendorFailed(vendorId, FailureKind.TIMEOUT, reason, wait, now);
                observe(o -> o.storeFailed(vendorId, new StoreResult.Failure(FailureKind.TIMEOUT, reason), wait));
                Future<?> task = tasks.get(vendorId);
                if (task != null) {
                    task.cancel(true);
                }
            }
        });
        search.update(s -> {
            s.complete(clock.instant());
            counted(s);
        });
    }

    /**
     * Adds one store's fetch for this search to the shared tasks; false when there are none or they do not answer.
     * After a failure no task is offered for {@link #DISPATCH_PAUSE}: a Redis that hangs rather than refuses costs
     * one command timeout, not one per store of every search.
     */
    private boolean dispatch(UUID searchId, String vendorId, SearchQuery query, int maxResults, Instant deadline) {
        if (shared == null || !shared.dispatchesFetches() || System.nanoTime() - dispatchPausedUntil < 0) {
            return false;
        }
        try {
            shared.tasks().add(new FetchTask(searchId, vendorId, query.original(), maxResults, deadline));
            return true;
        } catch (SharedStateUnavailableException e) {
            dispatchPausedUntil = System.nanoTime() + DISPATCH_PAUSE.toNanos();
            LOG.log(Level.DEBUG, "search {0}: store {1} asked here, Redis does not take its task: {2}", searchId, vendorId,
                    e.getMessage());
            return false;
        }
    }

    /**
     * Applies the outcomes the workers deliver for the dispatched stores as they come, until none of them is pending
     * or the deadline passed. While Redis does not answer it tries again (what is lost counts as a timeout at the
     * deadline). False when interrupted: the service is closing.
     */
    private boolean followOutcomes(LiveSearch search, Set<String> dispatched, Instant deadline) {
        int seen = 0;
        while (search.read(s -> !s.isFinished() && dispatched.stream().anyMatch(s::isPending))) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return true;
            }
            try {
                List<StoreOutcome> outcomes = shared.outcomes().await(search.id(), seen, min(left, LEASE_RENEWAL));
                seen += outcomes.size();
                for (StoreOutcome outcome : outcomes) {
                    if (dispatched.contains(outcome.vendorId())) {
                        search.update(s -> answered(s, outcome.vendorId(), outcome.result(), outcome.took()));
                    }
                }
            } catch (SharedStateUnavailableException e) {
                if (!pause(Duration.ofMillis(200))) {
                    return false;
                }
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    /** Told under the search's lock, so that whoever sees the search finished also sees it counted. */
    private void counted(Search s) {
        SearchSnapshot done = s.snapshot();
        observe(o -> o.searchFinished(done.status(), done.duration().orElse(Duration.ZERO)));
    }

    private void askStore(LiveSearch search, Store store, StoreRequest request) {
        Instant started = clock.instant();
        StoreResult answer;
        try {
            answer = ask(store, request);
        } catch (InterruptedException e) {
            return; // cancelled at the deadline; the coordinator records the timeout
        }
        search.update(s -> answered(s, store.vendor().id(), answer, Duration.between(started, clock.instant())));
    }

    /**
     * Asks one store, here or on a worker: what it answered, an adapter that threw or answered nothing being a
     * {@code parse} failure of its own. Throws {@link InterruptedException} when the call was cancelled.
     */
    static StoreResult ask(Store store, StoreRequest request) throws InterruptedException {
        StoreResult result;
        try {
            result = store.search(request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "store " + store.vendor().id() + " threw instead of answering", e);
            result = new StoreResult.Failure(FailureKind.PARSE, "the store adapter failed: " + e);
        }
        return Objects.requireNonNullElseGet(result,
                () -> new StoreResult.Failure(FailureKind.PARSE, "the store adapter returned nothing"));
    }

    /**
     * A store's answer, under the search's lock: its offers (at most max_results, scored for the query) or its failure,
     * unless the search no longer awaits the store (the deadline already counted it as timed out). Offers of another
     * store are a failure of the adapter.
     */
    private void answered(Search s, String vendorId, StoreResult answer, Duration took) {
        if (s.isFinished() || !s.isPending(vendorId)) {
            return; // too late: the deadline already counted this store as timed out
        }
        Instant now = clock.instant();
        switch (answer) {
            case StoreResult.Offers found -> {
                List<Offer> offers = found.offers().stream().limit(s.maxResults()).map(o -> o.scoredFor(s.query())).toList();
                if (offers.stream().anyMatch(o -> !o.vendorId().equals(vendorId))) {
                    StoreResult.Failure wrong = new StoreResult.Failure(FailureKind.PARSE, "the store adapter returned offers of another store");
                    s.vendorFailed(vendorId, wrong.kind(), wrong.message(), took, now);
                    observe(o -> o.storeFailed(vendorId, wrong, took));
                } else {
                    s.vendorAnswered(vendorId, offers, took, now);
                    observe(o -> o.storeAnswered(vendorId, offers.size(), took));
                }
            }
            case StoreResult.Failure failure -> {
                s.vendorFailed(vendorId, failure.kind(), failure.message(), took, now);
                observe(o -> o.storeFailed(vendorId, failure, took));
            }
        }
    }


    // ---- many instances -------------------------------------------------------------------------------------------

    /** A call to the shared state that may fail without failing anything: this instance carries on alone. */
    private void sharedQuietly(String what, Runnable call) {
        try {
            call.run();
        } catch (SharedStateUnavailableException e) {
            LOG.log(Level.DEBUG, "could not {0}, Redis does not answer: {1}", what, e.getMessage());
        }
    }

    /**
     * Joins the identical search another instance runs, when the shared registry names one: the new search follows
     * that search's shared log. Empty when none runs elsewhere (this search's claim then holds the query) or the
     * registry does not answer.
     */
    private Optional<SearchTicket> joinElsewhere(UUID id, SearchQuery query, SearchKey key, Instant now) {
        UUID holder;
        try {
            holder = shared.running().claim(key.shared(), id, settings.searchDeadline().plus(LEASE));
        } catch (SharedStateUnavailableException e) {
            return Optional.empty();
        }
        if (holder.equals(id) || live.containsKey(holder)) {
            return Optional.empty(); // ours to run, or running here: joined in memory
        }
        LiveSearch follower = register(new LiveSearch(Search.joining(id, query, holder, key.maxResults(), now), clock, this::finished));
        try {
            publisher.execute(() -> followElsewhere(follower, holder));
        } catch (RejectedExecutionException closing) {
            live.remove(id);
            throw new ServiceClosedException("the service is shutting down and takes no new searches");
        }
        SearchSnapshot joined = follower.snapshot();
        if (started != null) {
            started.submit(joined);
        }
        observe(o -> o.searchStarted(true));
        return Optional.of(SearchTicket.joined(id, joined.status(), holder));
    }

    /**
     * Applies each event of {@code source}'s shared log to {@code follower} as it comes. A source that does not end
     * by its deadline plus two leases (its instance died and none completed it) leaves the follower to end alone.
     */
    private void followElsewhere(LiveSearch follower, UUID source) {
        Instant giveUp = clock.instant().plus(settings.searchDeadline()).plus(LEASE).plus(LEASE);
        long after = 0;
        String reason = ORPHAN_REASON;
        while (follower.finishedAt() == null) {
            if (clock.instant().isAfter(giveUp)) {
                break;
            }
            List<RecordedEvent> events;
            try {
                events = shared.log().await(source, after, 500, LEASE_RENEWAL);
            } catch (SharedStateUnavailableException e) {
                if (!pause(Duration.ofMillis(200))) {
                    reason = "the service shut down before the store answered";
                    break;
                }
                continue;
            } catch (InterruptedException e) {
                reason = "the service shut down before the store answered";
                break;
            }
            for (RecordedEvent event : events) {
                follower.update(f -> {
                    if (!f.isFinished()) {
                        f.follow(event);
                    }
                });
                after = event.sequence();
            }
        }
        String why = reason;
        follower.update(f -> endAbandoned(f, why));
    }

    /** Sleeps {@code time}; false when interrupted (the caller is being stopped). Also the fetch worker's. */
    static boolean pause(Duration time) {
        try {
            Thread.sleep(time);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Ends a search nobody will carry on: its pending stores time out and it completes (fails, if it never started). */
    private void endAbandoned(Search s, String reason) {
        if (s.isFinished()) {
            return;
        }
        Instant now = clock.instant();
        if (s.status() == SearchStatus.INITIATED) {
            s.fail(reason, now);
        } else {
            for (String vendorId : s.pendingVendors()) {
                s.vendorFailed(vendorId, FailureKind.TIMEOUT, reason, settings.storeTimeout(), now);
            }
            s.complete(now);
        }
        counted(s);
    }

    /** Publishes a search's new events to the shared log, on the publisher's threads, in order. */
    private void publishLater(LiveSearch search) {
        if (search.publishStopped()) {
            return;
        }
        try {
            publisher.execute(() -> publish(search));
        } catch (RejectedExecutionException closing) {
            // close() publishes what is left itself
        }
    }

    private void publish(LiveSearch search) {
        try {
            search.publishTo(shared.log());
            if (search.publishStopped()) {
                sharedQuietly("release a search's lease", () -> shared.leases().release(search.id()));
            }
        } catch (SharedStateUnavailableException e) {
            LOG.log(Level.DEBUG, "search {0}: events not published yet, Redis does not answer", search.id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "search " + search.id() + ": its events could not be published; other instances will not see the rest", e);
            search.stopPublishing();
            sharedQuietly("release a search's lease", () -> shared.leases().release(search.id()));
        }
    }

    /**
     * Every second: renews the leases of the searches this instance still runs (or has not published the end of),
     * publishes what a Redis outage held back, and completes the searches whose instance stopped renewing theirs.
     */
    private void keepLeases() {
        while (!leasesStopped) {
            try {
                Instant now = clock.instant();
                for (LiveSearch search : live.values()) {
                    if (!search.publishStopped()) {
                        shared.leases().hold(search.id(), now.plus(LEASE));
                        publishLater(search);
                    }
                }
                for (UUID orphan : shared.leases().takeExpired(now, 50)) {
                    if (live.containsKey(orphan)) {
                        shared.leases().hold(orphan, now.plus(LEASE)); // ours, renewed late
                    } else {
                        publisher.execute(() -> completeOrphan(orphan));
                    }
                }
            } catch (SharedStateUnavailableException e) {
                LOG.log(Level.DEBUG, "search leases not renewed, Redis does not answer: {0}", e.getMessage());
            } catch (RejectedExecutionException closing) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "renewing the search leases failed", e);
            }
            if (!pause(LEASE_RENEWAL)) {
                return;
            }
        }
    }

    /** Every event of a search's shared log, in order; empty when it has none (unknown or expired). */
    private List<RecordedEvent> sharedLog(UUID searchId) {
        List<RecordedEvent> all = new java.util.ArrayList<>();
        while (true) {
            List<RecordedEvent> page = shared.log().read(searchId, all.isEmpty() ? 0 : all.getLast().sequence(), 1000);
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
        }
    }

    /** The search its shared log tells of, with what storage has of its header (when it answers). */
    private Optional<Search> fromSharedLog(UUID searchId, Optional<SearchSnapshot> header) {
        List<RecordedEvent> log = sharedLog(searchId);
        if (log.isEmpty() || !(log.getFirst().event() instanceof SearchEvent.Started started)) {
            return Optional.empty();
        }
        SearchQuery query = header.map(SearchSnapshot::query).orElseGet(() -> SearchQuery.of(started.query()));
        Instant createdAt = header.map(SearchSnapshot::createdAt).orElse(log.getFirst().at());
        CacheOrigin origin = header.map(SearchSnapshot::cachedFrom).orElse(null);
        return Optional.of(Search.resumed(searchId, query, started.maxResults(), createdAt, origin, log));
    }

    /**
     * Completes a search whose instance stopped: rebuilt from its shared log, its pending stores time out
     * ({@link #ORPHAN_REASON}), the new events are appended (the log refuses them when someone else ended it first)
     * and the search is recorded here.
     */
    private void completeOrphan(UUID searchId) {
        try {
            Optional<SearchSnapshot> header;
            try {
                header = searches.findById(searchId);
            } catch (RuntimeException e) {
                header = Optional.empty();
            }
            Optional<Search> found = fromSharedLog(searchId, header);
            if (found.isEmpty()) {
                failNeverStarted(searchId, header);
                return;
            }
            Search search = found.get();
            if (search.isFinished()) {
                return; // it ended; its instance recorded it
            }
            int before = search.eventCount();
            endAbandoned(search, ORPHAN_REASON);
            for (int i = before; i < search.eventCount(); i++) {
                RecordedEvent event = search.eventAt(i);
                if (shared.log().append(searchId, event.at(), event.event()).isEmpty()) {
                    return; // another instance ended it meanwhile
                }
            }
            LOG.log(Level.WARNING, "search {0}: its instance stopped; completed here with {1} stores timed out", searchId,
                    search.snapshot().outcomes().stream().filter(o -> ORPHAN_REASON.equals(o.error())).count());
            recorder.submit(search.snapshot());
        } catch (SharedStateUnavailableException e) {
            LOG.log(Level.WARNING, "search {0}: its instance stopped, and Redis does not answer to complete it", searchId);
            sharedQuietly("hold a search's lease", () -> shared.leases().hold(searchId, clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "search " + searchId + ": its instance stopped, and completing it failed", e);
        }
    }

    /**
     * A search whose instance stopped before it logged anything: with its header in storage (written as it was
     * accepted) it fails here ({@link #ORPHAN_REASON}; its log gets the {@code error}, unless someone ended it first)
     * and is recorded; without one nothing is known of it, and the start-up marking is left to end it.
     */
    private void failNeverStarted(UUID searchId, Optional<SearchSnapshot> header) {
        if (header.isEmpty() || header.get().isFinished()) {
            LOG.log(Level.INFO, "search {0}: its instance stopped before it logged or stored anything; left for the start-up marking",
                    searchId);
            return;
        }
        SearchSnapshot accepted = header.get();
        Search search = Search.initiate(searchId, accepted.query(), accepted.maxResults(), accepted.createdAt());
        endAbandoned(search, ORPHAN_REASON);
        for (int i = 0; i < search.eventCount(); i++) {
            RecordedEvent event = search.eventAt(i);
            if (shared.log().append(searchId, event.at(), event.event()).isEmpty()) {
                return; // another instance ended it meanwhile
            }
        }
        LOG.log(Level.WARNING, "search {0}: its instance stopped before the search started; failed here", searchId);
        recorder.submit(search.snapshot());
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

    /**
     * Finished searches leave memory after the retention time, and the oldest go first beyond the count: taken from
     * the head of the finishing order, so the work is the number evicted, not the number kept. One thread at a time;
     * another finds it done. A search the recorder has not saved yet stays (and so do those behind it, which it saves
     * in the same order): memory is the only place it can be read from, and the recorder holds it anyway.
     */
    private void evictFinished() {
        if (!evicting.tryLock()) {
            return;
        }
        try {
            Instant cutoff = clock.instant().minus(settings.liveRetention());
            for (LiveSearch oldest = finishedOrder.peek(); oldest != null; oldest = finishedOrder.peek()) {
                if (live.size() <= settings.liveSearchesKept() && !oldest.finishedAt().isBefore(cutoff)
                        || recorder.waitsToBeSaved(oldest.id())) {
                    return;
                }
                finishedOrder.poll();
                live.remove(oldest.id());
                latestCompleted.remove(SearchKey.of(oldest), oldest);
            }
        } finally {
            evicting.unlock();
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
        if (shared == null) {
            return searches.findById(searchId);
        }
        // many instances: from storage once recorded, from the shared log while it runs elsewhere
        Optional<SearchSnapshot> stored = Optional.empty();
        StoreOfRecordUnavailableException down = null;
        try {
            stored = searches.findById(searchId);
            if (stored.isPresent() && stored.get().isFinished()) {
                return stored;
            }
        } catch (StoreOfRecordUnavailableException e) {
            down = e;
        }
        try {
            if (!shared.log().exists(searchId) && shared.leases().held(searchId)) {
                // started elsewhere a moment ago: its first events are on their way
                shared.log().await(searchId, 0, 1, Duration.ofSeconds(1));
            }
            Optional<Search> running = fromSharedLog(searchId, stored);
            if (running.isPresent()) {
                return Optional.of(running.get().snapshot());
            }
        } catch (SharedStateUnavailableException e) {
            LOG.log(Level.DEBUG, "search {0}: the shared log does not answer", searchId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (down != null) {
            throw down;
        }
        return stored;
    }

    @Override
    public Optional<EventSubscription> subscribe(UUID searchId, long afterSequence) {
        LiveSearch search = live.get(searchId);
        if (search != null) {
            return Optional.of(search.subscribe(afterSequence));
        }
        if (shared != null) {
            try {
                if (shared.log().exists(searchId) || shared.leases().held(searchId)) {
                    return Optional.of(new SharedLogSubscription(shared.log(), searchId, afterSequence,
                            () -> shared.leases().held(searchId)));
                }
            } catch (SharedStateUnavailableException e) {
                LOG.log(Level.DEBUG, "search {0}: the shared log does not answer, trying storage", searchId);
            }
        }
        try {
            // a row with no events (its header, written as it started on another instance) has nothing to follow
            return searches.findById(searchId).filter(s -> !s.events().isEmpty()).map(s -> new ReplaySubscription(s, afterSequence));
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
        publisher.shutdownNow(); // searches following another instance's end now; what is left is published below
        try {
            publisher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shared != null) {
            for (LiveSearch search : live.values()) {
                publish(search);
            }
        }
        leasesStopped = true;
    }

    /** Closes with a grace of the search deadline. */
    @Override
    public void close() {
        close(settings.searchDeadline());
    }
}
