package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.HealthReport;
import gt.dondelocompro.application.port.in.HealthUseCase;
import gt.dondelocompro.application.port.in.RecorderStats;
import gt.dondelocompro.application.port.out.SearchObserver;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchStatus;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Operators' view: the service's meters, fed by the core through the {@link SearchObserver} port (searches
 * started and finished, durations, each store's successes, failures by kind and answer times, whoever started
 * the search), gauges of figures read elsewhere, and Helidon's observe feature ({@code /observe/health} with the
 * service's readiness check, {@code /observe/metrics}).
 *
 * <pre>{@code
 * DondeLoComproObserve observe = DondeLoComproObserve.create();
 * DondeLoCompro core = DondeLoCompro.builder().stores(stores).observer(observe).build();
 * observe.recorderGauges(core::recorderStats);
 * WebServer.builder().port(port)
 *         .features(DondeLoComproHttp.serverFeatures(settings))
 *         .addFeature(observe.feature(core.health()))
 *         .routing(r -> DondeLoComproHttp.routing(r, useCases, settings))
 *         .build().start();
 * }</pre>
 */
public final class DondeLoComproObserve implements SearchObserver {

    private final MeterRegistry registry;
    /** The meters by name and tags: the registry's getOrCreate builds and looks up on every call, several per search. */
    private final Map<List<Object>, Object> meters = new ConcurrentHashMap<>();

    private DondeLoComproObserve(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters in the service registry's meter registry, which {@code /observe/metrics} serves. */
    public static DondeLoComproObserve create() {
        return create(Services.get(MeterRegistry.class));
    }

    public static DondeLoComproObserve create(MeterRegistry registry) {
        return new DondeLoComproObserve(registry);
    }

    /** Adds a gauge read from elsewhere, such as the connection pool the bootstrap chose. */
    public DondeLoComproObserve gauge(String name, String description, DoubleSupplier value) {
        registry.getOrCreate(Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(description));
        return this;
    }

    /**
     * The length of a store's queue at its host's politeness gate ({@code dondelocompro.store.queue.length}, tagged
     * {@code store}), read from {@code waiting}: requests waiting for their turn, not those in flight.
     */
    public DondeLoComproObserve storeQueueGauge(String vendorId, DoubleSupplier waiting) {
        registry.getOrCreate(Gauge.builder("dondelocompro.store.queue.length", waiting, DoubleSupplier::getAsDouble)
                .description("Requests of a store waiting at its host's politeness gate").tags(List.of(Tag.create("store", vendorId))));
        return this;
    }

    /**
     * One request of a store waited {@code waited} at its host's politeness gate and left it {@code outcome}:
     * {@code sent}, {@code busy} (refused at once: the queue was too long to be served in time) or {@code dropped}
     * (left unsent: deadline passed, no longer wanted). Timer {@code dondelocompro.store.queue.wait}.
     */
    public void storeQueueWait(String vendorId, Duration waited, String outcome) {
        timer("dondelocompro.store.queue.wait", "How long a store's requests waited at its host's politeness gate",
                Tag.create("store", vendorId), Tag.create("outcome", outcome)).record(waited);
    }

    /** Gauges of the background recorder's counters. */
    public DondeLoComproObserve recorderGauges(Supplier<RecorderStats> recorder) {
        recorderGauge("dondelocompro.recorder.backlog", "Searches waiting to be saved", recorder, RecorderStats::backlog);
        recorderGauge("dondelocompro.recorder.retrying", "Searches being retried after a failed save", recorder, RecorderStats::retrying);
        recorderGauge("dondelocompro.recorder.saved", "Searches saved since start", recorder, RecorderStats::saved);
        recorderGauge("dondelocompro.recorder.failed", "Searches given up on (counted and logged)", recorder, RecorderStats::failed);
        recorderGauge("dondelocompro.recorder.skipped", "Searches left out by the rollout", recorder, RecorderStats::skipped);
        recorderGauge("dondelocompro.recorder.dead_lettered", "Searches set aside as dead letters", recorder, RecorderStats::deadLettered);
        recorderGauge("dondelocompro.recorder.offers_dropped", "Offers left out because the database cannot hold them", recorder, RecorderStats::offersDropped);
        return this;
    }

    /** {@code /observe/health} with {@link #healthCheck(HealthUseCase)}, and {@code /observe/metrics}. */
    public ObserveFeature feature(HealthUseCase health) {
        return ObserveFeature.create(HealthObserver.create(healthCheck(health)), MetricsObserver.create());
    }

    /** Ready while the service is healthy (the store of record reachable, when enabled); details as {@code /health}. */
    public static HealthCheck healthCheck(HealthUseCase health) {
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

    @Override
    public void searchStarted(boolean cached) {
        counter("dondelocompro.searches.started", "Searches started", Tag.create("cached", Boolean.toString(cached))).increment();
    }

    @Override
    public void storeAnswered(String vendorId, int offers, Duration took) {
        counter("dondelocompro.store.answers", "Store answers by outcome", Tag.create("store", vendorId),
                Tag.create("outcome", "success"), Tag.create("kind", "none")).increment();
        timer("dondelocompro.store.duration", "How long a store took to answer", Tag.create("store", vendorId)).record(took);
    }

    @Override
    public void storeFailed(String vendorId, FailureKind kind, Duration took) {
        counter("dondelocompro.store.answers", "Store answers by outcome", Tag.create("store", vendorId),
                Tag.create("outcome", "failure"), Tag.create("kind", kind.wireName())).increment();
    }

    @Override
    public void searchFinished(SearchStatus status, Duration took) {
        counter("dondelocompro.searches.finished", "Searches finished by status", Tag.create("status", status.wireName()))
                .increment();
        if (status == SearchStatus.COMPLETED) {
            timer("dondelocompro.search.duration", "How long a search took from start to completion").record(took);
        }
    }

    private Counter counter(String name, String description, Tag... tags) {
        return (Counter) meters.computeIfAbsent(key(name, tags),
                k -> registry.getOrCreate(Counter.builder(name).description(description).tags(List.of(tags))));
    }

    private static List<Object> key(String name, Tag... tags) {
        Object[] key = new Object[1 + 2 * tags.length];
        key[0] = name;
        for (int i = 0; i < tags.length; i++) {
            key[1 + 2 * i] = tags[i].key();
            key[2 + 2 * i] = tags[i].value();
        }
        return List.of(key);
    }

    private Timer timer(String name, String description, Tag... tags) {
        return (Timer) meters.computeIfAbsent(key(name, tags),
                k -> registry.getOrCreate(Timer.builder(name).description(description).tags(List.of(tags))));
    }

    private void recorderGauge(String name, String description, Supplier<RecorderStats> stats, ToDoubleFunction<RecorderStats> figure) {
        registry.getOrCreate(Gauge.builder(name, stats, s -> figure.applyAsDouble(s.get())).description(description));
    }
}
