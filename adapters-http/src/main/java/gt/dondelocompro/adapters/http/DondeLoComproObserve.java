package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.HealthReport;
import gt.dondelocompro.application.port.in.HealthUseCase;
import gt.dondelocompro.application.port.in.RecorderStats;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Operators' view for the bootstrap: Helidon's observe feature ({@code /observe/health} with the service's own
 * readiness check, {@code /observe/metrics}) and the service's meters. Searches are counted by
 * {@link #instrument(HttpUseCases) instrumenting} the use cases the adapter drives: each search started is
 * followed on a virtual thread through its event log, which yields completions, durations and each store's
 * successes, failures (by kind) and answer times; gauges read the recorder's figures.
 *
 * <pre>{@code
 * DondeLoComproObserve observe = DondeLoComproObserve.create(core);
 * WebServer.builder().port(port)
 *         .features(DondeLoComproHttp.serverFeatures(settings))
 *         .addFeature(observe.feature())
 *         .routing(r -> DondeLoComproHttp.routing(r, observe.instrument(HttpUseCases.of(core)), settings))
 *         .build().start();
 * }</pre>
 */
public final class DondeLoComproObserve {

    private static final System.Logger LOG = System.getLogger(DondeLoComproObserve.class.getName());
    /** How long a follower waits for a search's next event before giving up on it (searches have deadlines). */
    private static final Duration FOLLOW_PATIENCE = Duration.ofMinutes(2);

    private final MeterRegistry registry;
    private final HealthUseCase health;
    private final SubscribeToSearchUseCase subscribe;

    private DondeLoComproObserve(MeterRegistry registry, HealthUseCase health, SubscribeToSearchUseCase subscribe,
                                 Supplier<RecorderStats> recorder, IntSupplier searchesInMemory) {
        this.registry = registry;
        this.health = health;
        this.subscribe = subscribe;
        gauge("dondelocompro.recorder.backlog", "Searches waiting to be saved", recorder, RecorderStats::backlog);
        gauge("dondelocompro.recorder.retrying", "Searches being retried after a failed save", recorder, RecorderStats::retrying);
        gauge("dondelocompro.recorder.saved", "Searches saved since start", recorder, RecorderStats::saved);
        gauge("dondelocompro.recorder.failed", "Searches given up on (counted and logged)", recorder, RecorderStats::failed);
        gauge("dondelocompro.recorder.skipped", "Searches left out by the rollout", recorder, RecorderStats::skipped);
        registry.getOrCreate(Gauge.builder("dondelocompro.searches.in_memory", searchesInMemory, s -> s.getAsInt())
                .description("Searches held in memory (running and recently finished)"));
    }

    /** Adds a gauge read from elsewhere, such as the connection pool the bootstrap chose. */
    public DondeLoComproObserve gauge(String name, String description, java.util.function.DoubleSupplier value) {
        registry.getOrCreate(Gauge.builder(name, value, java.util.function.DoubleSupplier::getAsDouble).description(description));
        return this;
    }

    /** Meters in the service registry's meter registry, which {@code /observe/metrics} serves. */
    public static DondeLoComproObserve create(DondeLoCompro core) {
        return create(core, Services.get(MeterRegistry.class));
    }

    public static DondeLoComproObserve create(DondeLoCompro core, MeterRegistry registry) {
        return new DondeLoComproObserve(registry, core.health(), core.subscribeToSearch(), core::recorderStats,
                core::searchesInMemory);
    }

    /** {@code /observe/health} with {@link #healthCheck()}, and {@code /observe/metrics}. */
    public ObserveFeature feature() {
        return ObserveFeature.create(HealthObserver.create(healthCheck()), MetricsObserver.create());
    }

    /** Ready while the service is healthy (the store of record reachable, when enabled); details as {@code /health}. */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return "dondelocompro";
            }

            @Override
            public HealthCheckResponse call() {
                HealthReport report = health.health();
                return HealthCheckResponse.builder()
                        .status(report.healthy())
                        .detail("database", report.database().wireName())
                        .detail("active_scrapers", report.activeScrapers().size())
                        .detail("recorder_backlog", report.recorder().backlog())
                        .detail("recorder_failed", report.recorder().failed())
                        .build();
            }
        };
    }

    /** The same use cases, with every search started counted and followed for its meters. */
    public HttpUseCases instrument(HttpUseCases useCases) {
        StartSearchUseCase start = useCases.startSearch();
        StartSearchUseCase counted = command -> {
            SearchTicket ticket = start.startSearch(command);
            counter("dondelocompro.searches.started", "Searches started", Tag.create("cached", Boolean.toString(ticket.cached())))
                    .increment();
            if (!ticket.cached()) {
                Thread.ofVirtual().name("metrics-" + ticket.searchId()).start(() -> follow(ticket.searchId()));
            }
            return ticket;
        };
        return new HttpUseCases(counted, useCases.getSearch(), useCases.subscribeToSearch(), useCases.vendors(),
                useCases.health(), useCases.priceHistory(), useCases.popularSearches(), useCases.storePerformance());
    }

    private void follow(UUID searchId) {
        Optional<EventSubscription> subscription = subscribe.subscribe(searchId, 0);
        if (subscription.isEmpty()) {
            return;
        }
        try (EventSubscription events = subscription.get()) {
            while (!events.isFinished()) {
                Optional<RecordedEvent> next = events.next(FOLLOW_PATIENCE);
                if (next.isEmpty()) {
                    return;
                }
                record(next.get().event());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not follow search " + searchId + " for metrics", e);
        }
    }

    private void record(SearchEvent event) {
        switch (event) {
            case SearchEvent.VendorCompleted c -> {
                counter("dondelocompro.store.answers", "Store answers by outcome", Tag.create("store", c.vendorId()),
                        Tag.create("outcome", "success"), Tag.create("kind", "none")).increment();
                timer("dondelocompro.store.duration", "How long a store took to answer", Tag.create("store", c.vendorId()))
                        .record(c.duration());
            }
            case SearchEvent.VendorError e -> counter("dondelocompro.store.answers", "Store answers by outcome",
                    Tag.create("store", e.vendorId()), Tag.create("outcome", "failure"),
                    Tag.create("kind", e.kind().wireName())).increment();
            case SearchEvent.Completed c -> {
                counter("dondelocompro.searches.finished", "Searches finished by status", Tag.create("status", "completed"))
                        .increment();
                timer("dondelocompro.search.duration", "How long a search took from start to completion").record(c.duration());
            }
            case SearchEvent.Error e -> counter("dondelocompro.searches.finished", "Searches finished by status",
                    Tag.create("status", "failed")).increment();
            default -> { }
        }
    }

    private Counter counter(String name, String description, Tag... tags) {
        return registry.getOrCreate(Counter.builder(name).description(description).tags(List.of(tags)));
    }

    private Timer timer(String name, String description, Tag... tags) {
        return registry.getOrCreate(Timer.builder(name).description(description).tags(List.of(tags)));
    }

    private void gauge(String name, String description, Supplier<RecorderStats> stats, ToDoubleFunction<RecorderStats> figure) {
        registry.getOrCreate(Gauge.builder(name, stats, s -> figure.applyAsDouble(s.get())).description(description));
    }
}
