package gt.dondelocompro.adapters.scraping.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one store asks of the fetcher: its timeout (connect, and the whole exchange), the spacing and
 * concurrency it wants per host, an optional HTTP proxy, an opt-in list of User-Agents to rotate, and the
 * hosts besides the requested one that its redirects may lead to ({@link RedirectRule}).
 * An empty {@code userAgents} means the client's truthful default.
 */
public record FetchOptions(Duration timeout, Duration minDelay, int maxConcurrency, InetSocketAddress proxy,
                           List<String> userAgents, long maxBodyBytes, Set<String> redirectHosts) {

    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

    public FetchOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(minDelay, "minDelay");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (minDelay.isNegative()) {
            throw new IllegalArgumentException("minDelay must not be negative, was " + minDelay);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        userAgents = userAgents == null ? List.of() : List.copyOf(userAgents);
        redirectHosts = redirectHosts == null ? Set.of()
                : redirectHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public FetchOptions withMaxBodyBytes(long bytes) {
        return new FetchOptions(timeout, minDelay, maxConcurrency, proxy, userAgents, bytes, redirectHosts);
    }
}
