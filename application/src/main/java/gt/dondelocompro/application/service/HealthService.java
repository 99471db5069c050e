package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.HealthReport;
import gt.dondelocompro.application.port.in.HealthUseCase;
import gt.dondelocompro.application.port.in.ListVendorsUseCase;
import gt.dondelocompro.application.port.in.RecorderStats;
import gt.dondelocompro.application.port.out.PersistenceHealth;
import gt.dondelocompro.application.port.out.SharedStateHealth;
import gt.dondelocompro.domain.StoreHealth;
import gt.dondelocompro.domain.Vendor;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Reports the configured stores with their health and the service's health: degraded when the database is enabled
 * but down, when state is shared with other instances but their shared store (Redis) does not answer, while the recorder keeps failing to save with searches waiting behind (a backlog that cannot drain), or
 * when more than half of the active stores failed each of their last three searches.
 */
public final class HealthService implements HealthUseCase, ListVendorsUseCase {

    private final List<Vendor> vendors;
    private final PersistenceHealth persistence;
    private final SearchRecorder recorder;
    private final Clock clock;
    private final StoreHealthMonitor stores;
    private final SharedStateHealth shared;

    public HealthService(List<Vendor> vendors, PersistenceHealth persistence, SearchRecorder recorder, Clock clock,
                         StoreHealthMonitor stores, SharedStateHealth shared) {
        this.vendors = List.copyOf(vendors);
        this.persistence = persistence;
        this.recorder = recorder;
        this.clock = clock;
        this.stores = stores;
        this.shared = shared;
    }

    /** One process: nothing shared with other instances. */
    public HealthService(List<Vendor> vendors, PersistenceHealth persistence, SearchRecorder recorder, Clock clock,
                         StoreHealthMonitor stores) {
        this(vendors, persistence, recorder, clock, stores, SharedStateHealth.NONE);
    }

    /** Without store health: no store is ever counted as failing. */
    public HealthService(List<Vendor> vendors, PersistenceHealth persistence, SearchRecorder recorder, Clock clock) {
        this(vendors, persistence, recorder, clock, StoreHealthMonitor.inMemoryOnly(clock));
    }

    @Override
    public HealthReport health() {
        HealthReport.Database database;
        if (!persistence.enabled()) {
            database = HealthReport.Database.DISABLED;
        } else {
            database = persistence.reachable() ? HealthReport.Database.CONNECTED : HealthReport.Database.DISCONNECTED;
        }
        RecorderStats stats = recorder.stats();
        List<String> active = vendors.stream().filter(Vendor::active).map(Vendor::id).toList();
        Map<String, StoreHealth> health = stores.health(active);
        List<String> failing = active.stream().filter(id -> health.get(id).failing()).toList();
        HealthReport.SharedState sharedState = !shared.enabled() ? HealthReport.SharedState.DISABLED
                : shared.reachable() ? HealthReport.SharedState.CONNECTED : HealthReport.SharedState.DISCONNECTED;
        boolean healthy = database != HealthReport.Database.DISCONNECTED && !backlogStuck(stats)
                && !HealthReport.mostStoresFailing(active, failing) && sharedState != HealthReport.SharedState.DISCONNECTED;
        return new HealthReport(healthy, database, vendors.stream().map(Vendor::id).toList(), active, failing, stats,
                clock.instant(), sharedState);
    }

    /**
     * A save is being retried and other searches wait behind it: the store of record fails for a reason
     * retrying may fix (data it refuses is never retried), unreachable or not by the health probe.
     */
    private static boolean backlogStuck(RecorderStats stats) {
        return stats.retrying() > 0 && stats.backlog() > stats.retrying();
    }

    @Override
    public List<Vendor> vendors() {
        return vendors;
    }

    @Override
    public Map<String, StoreHealth> storeHealth() {
        return stores.health(vendors.stream().map(Vendor::id).toList());
    }
}
