package gt.dondelocompro.adapters.redis;

import gt.dondelocompro.application.contract.FetchTasksContract;
import gt.dondelocompro.application.contract.HostGatesContract;
import gt.dondelocompro.application.contract.RateLimitCountersContract;
import gt.dondelocompro.application.contract.RunningSearchesContract;
import gt.dondelocompro.application.contract.SearchEventLogContract;
import gt.dondelocompro.application.port.out.FetchTasks;
import gt.dondelocompro.application.port.out.HostGates;
import gt.dondelocompro.application.port.out.RateLimitCounters;
import gt.dondelocompro.application.port.out.RunningSearches;
import gt.dondelocompro.application.port.out.SearchEventLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The contracts of the shared ports against Redis. Each "instance" of a contract is a connection of its own
 * ({@link RedisSharedState}), as another process would have; each test a namespace of its own.
 */
class RedisSharedStateContractTest {

    private static final List<RedisSharedState> OPEN = new ArrayList<>();

    private static synchronized RedisSharedState connect(String namespace) {
        RedisSharedState redis = RedisSharedState.connect(TestRedis.url(), namespace);
        OPEN.add(redis);
        return redis;
    }

    @AfterAll
    static synchronized void closeAll() {
        OPEN.forEach(RedisSharedState::close);
        OPEN.clear();
    }

    @Nested
    class EventLog extends SearchEventLogContract {
        @Override
        protected SearchEventLog newLog(Duration retention) {
            return connect(TestRedis.namespace()).eventLog(retention);
        }
    }

    @Nested
    class Running extends RunningSearchesContract {
        @Override
        protected RunningSearches newRegistry() {
            return connect(TestRedis.namespace()).runningSearches();
        }
    }

    @Nested
    class Leases extends gt.dondelocompro.application.contract.SearchLeasesContract {
        @Override
        protected gt.dondelocompro.application.port.out.SearchLeases newLeases() {
            return connect(TestRedis.namespace()).searchLeases();
        }
    }

    @Nested
    class Gates extends HostGatesContract {
        @Override
        protected HostGates newGates(String namespace) {
            return connect(namespace).hostGates();
        }
    }

    @Nested
    class Tasks extends FetchTasksContract {
        @Override
        protected FetchTasks newTasks(String namespace, Duration visibilityTimeout) {
            return connect(namespace).fetchTasks(visibilityTimeout);
        }
    }

    @Nested
    class RateLimits extends RateLimitCountersContract {
        @Override
        protected RateLimitCounters newCounters() {
            return connect(TestRedis.namespace()).rateLimitCounters();
        }
    }

    @Nested
    class Outcomes extends gt.dondelocompro.application.contract.StoreOutcomesContract {
        @Override
        protected gt.dondelocompro.application.port.out.StoreOutcomes newOutcomes(String namespace) {
            return connect(namespace).storeOutcomes(Duration.ofMinutes(5));
        }
    }
}
