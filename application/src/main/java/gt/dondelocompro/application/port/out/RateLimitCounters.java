package gt.dondelocompro.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * The counters behind a per-client rate limit: a token bucket per key holding {@code perMinute} tokens, refilled
 * evenly over a minute, a request taking one. One process keeps them in memory; many instances share them, so that
 * a client's limit holds across all of them together.
 */
public interface RateLimitCounters {

    /**
     * Takes one token from {@code key}'s bucket (a full bucket when the key is new or was idle for a minute).
     * Empty when one was there; otherwise how long until the next one, and nothing is taken.
     *
     * @throws SharedStateUnavailableException when the shared counters cannot be reached
     */
    Optional<Duration> take(String key, int perMinute);
}
