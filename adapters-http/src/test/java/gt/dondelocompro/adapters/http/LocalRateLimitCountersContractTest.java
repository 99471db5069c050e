package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.contract.RateLimitCountersContract;
import gt.dondelocompro.application.port.out.RateLimitCounters;

/**
 * The rate-limit counters contract against this adapter's own in-process buckets: the HTTP adapter is their only
 * user, and adapters may not use the core's in-memory adapters, so they live here.
 */
class LocalRateLimitCountersContractTest extends RateLimitCountersContract {

    @Override
    protected RateLimitCounters newCounters() {
        return new RateLimiter.LocalCounters(System::nanoTime);
    }
}
