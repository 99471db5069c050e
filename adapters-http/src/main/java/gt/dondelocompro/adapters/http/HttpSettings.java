package gt.dondelocompro.adapters.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The knobs of the HTTP adapter, passed in by the bootstrap: the version shown on {@code GET /}, how many searches
 * one client (remote address) may start per minute, the largest request body accepted, the origins allowed to
 * call from a browser (CORS; {@code "*"} for any), how long an event stream may stay silent before a heartbeat, and
 * whether the stores are the bundled demo stores (then {@code /health} and {@code /vendors} say so).
 */
public record HttpSettings(String version, int searchesPerMinute, int maxBodyBytes, List<String> corsOrigins,
                           Duration heartbeatInterval, boolean demo) {

    public static final int DEFAULT_SEARCHES_PER_MINUTE = 30;
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

    public HttpSettings {
        Objects.requireNonNull(version, "version");
        if (searchesPerMinute < 1) {
            throw new IllegalArgumentException("searches per minute must be at least 1, was " + searchesPerMinute);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body bytes must be positive, was " + maxBodyBytes);
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, was " + heartbeatInterval);
        }
    }

    /** 30 searches a minute per client, 16 KiB bodies, no cross-origin callers, a heartbeat after 15 s of silence. */
    public static HttpSettings defaults(String version) {
        return new HttpSettings(version, DEFAULT_SEARCHES_PER_MINUTE, DEFAULT_MAX_BODY_BYTES, List.of(),
                DEFAULT_HEARTBEAT_INTERVAL, false);
    }

    public HttpSettings withSearchesPerMinute(int perMinute) {
        return new HttpSettings(version, perMinute, maxBodyBytes, corsOrigins, heartbeatInterval, demo);
    }

    public HttpSettings withCorsOrigins(List<String> origins) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, origins, heartbeatInterval, demo);
    }

    public HttpSettings withHeartbeatInterval(Duration interval) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, corsOrigins, interval, demo);
    }

    public HttpSettings withDemo(boolean demoStores) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, corsOrigins, heartbeatInterval, demoStores);
    }
}
