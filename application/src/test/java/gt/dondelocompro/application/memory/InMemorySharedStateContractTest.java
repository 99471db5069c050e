package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.contract.FetchTasksContract;
import gt.dondelocompro.application.contract.HostGatesContract;
import gt.dondelocompro.application.contract.RunningSearchesContract;
import gt.dondelocompro.application.contract.SearchEventLogContract;
import gt.dondelocompro.application.port.out.FetchTasks;
import gt.dondelocompro.application.port.out.HostGates;
import gt.dondelocompro.application.port.out.RunningSearches;
import gt.dondelocompro.application.port.out.SearchEventLog;
import org.junit.jupiter.api.Nested;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The contracts of the ports many instances share, run against the in-memory adapters (one process). */
class InMemorySharedStateContractTest {

    /** One process: "instances" on one namespace are the same object. */
    private static final Map<String, Object> NAMESPACES = new ConcurrentHashMap<>();

    @Nested
    class EventLog extends SearchEventLogContract {
        @Override
        protected SearchEventLog newLog(Duration retention) {
            return new InMemorySearchEventLog(retention, Clock.systemUTC());
        }
    }

    @Nested
    class Running extends RunningSearchesContract {
        @Override
        protected RunningSearches newRegistry() {
            return new InMemoryRunningSearches(Clock.systemUTC());
        }
    }

    @Nested
    class Leases extends gt.dondelocompro.application.contract.SearchLeasesContract {
        @Override
        protected gt.dondelocompro.application.port.out.SearchLeases newLeases() {
            return new InMemorySearchLeases();
        }
    }

    @Nested
    class Gates extends HostGatesContract {
        @Override
        protected HostGates newGates(String namespace) {
            return (HostGates) NAMESPACES.computeIfAbsent(namespace, n -> new InMemoryHostGates(Clock.systemUTC()));
        }
    }

    @Nested
    class Tasks extends FetchTasksContract {
        @Override
        protected FetchTasks newTasks(String namespace, Duration visibilityTimeout) {
            return (FetchTasks) NAMESPACES.computeIfAbsent(namespace, n -> new InMemoryFetchTasks(visibilityTimeout, Clock.systemUTC()));
        }
    }

    @Nested
    class Outcomes extends gt.dondelocompro.application.contract.StoreOutcomesContract {
        @Override
        protected gt.dondelocompro.application.port.out.StoreOutcomes newOutcomes(String namespace) {
            return (gt.dondelocompro.application.port.out.StoreOutcomes) NAMESPACES.computeIfAbsent(namespace,
                    n -> new InMemoryStoreOutcomes(Duration.ofMinutes(5), Clock.systemUTC()));
        }
    }
}
