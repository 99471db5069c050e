package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.RunningSearches;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The running searches of one process, by query key; a claim past its time to live counts as gone. */
public final class InMemoryRunningSearches implements RunningSearches {

    private record Claim(UUID searchId, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();

    public InMemoryRunningSearches(Clock clock) {
        this.clock = clock;
    }

    @Override
    public UUID claim(String queryKey, UUID searchId, Duration ttl) {
        Instant now = clock.instant();
        if (claims.size() > 10_000) {
            claims.values().removeIf(c -> !c.until().isAfter(now));
        }
        return claims.compute(queryKey, (k, held) -> held != null && held.until().isAfter(now)
                ? held : new Claim(searchId, now.plus(ttl))).searchId();
    }

    @Override
    public Optional<UUID> lookup(String queryKey) {
        Claim held = claims.get(queryKey);
        return held != null && held.until().isAfter(clock.instant()) ? Optional.of(held.searchId()) : Optional.empty();
    }

    @Override
    public void release(String queryKey, UUID searchId) {
        claims.computeIfPresent(queryKey, (k, held) -> held.searchId().equals(searchId) ? null : held);
    }
}
