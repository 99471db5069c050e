package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.out.RateLimitCounters;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The knobs of the HTTP adapter, passed in by the bootstrap: the version shown on {@code GET /}, how many searches
 * one client (remote address) may start per minute, the largest request body accepted, the origins allowed to
 * call from a browser (CORS; {@code "*"} for any), how long an event stream may stay silent before a heartbeat, and
 * whether the stores are the bundled demo stores (then {@code /health} and {@code /vendors} say so), and the
 * {@link Connections limits on connections}. The limits are fixed defaults, not environment variables: the bootstrap
 * uses {@link Connections#DEFAULTS}; tests shorten them. Behind a load balancer: the {@link TrustedProxies} whose
 * forwarding headers are believed, and the rate-limit counters shared by all instances ({@code sharedRateLimits},
 * null for this process's own).
 */
public record HttpSettings(String version, int searchesPerMinute, int maxBodyBytes, List<String> corsOrigins,
                           Duration heartbeatInterval, boolean demo, Connections connections,
                           TrustedProxies trustedProxies, RateLimitCounters sharedRateLimits) {

    /**
     * How long the server waits for the next bytes of a request (headers or body) before it closes the connection,
     * how long a kept-alive connection may sit between requests, and how many connections may be open at once
     * (beyond that a new one is answered {@code 503} and closed). An event stream or a WebSocket is not cut by
     * these: while it is open the server writes (events, heartbeats) and does not wait to read.
     */
    public record Connections(Duration readTimeout, Duration idleTimeout, int maxConnections) {

        /** 20 s to send the next bytes of a request, 60 s idle between requests, 1,000 connections. */
        public static final Connections DEFAULTS = new Connections(Duration.ofSeconds(20), Duration.ofSeconds(60), 1000);

        public Connections {
            if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
                throw new IllegalArgumentException("read timeout must be positive, was " + readTimeout);
            }
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive, was " + idleTimeout);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("max connections must be at least 1, was " + maxConnections);
            }
        }
    }

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
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /**
     * 30 searches a minute per client, 16 KiB bodies, no cross-origin callers, a heartbeat after 15 s of silence,
     * {@link Connections#DEFAULTS}.
     */
    public static HttpSettings defaults(String version) {
        return new HttpSettings(version, DEFAULT_SEARCHES_PER_MINUTE, DEFAULT_MAX_BODY_BYTES, List.of(),
                DEFAULT_HEARTBEAT_INTERVAL, false, Connections.DEFAULTS, TrustedProxies.NONE, null);
    }

    public HttpSettings withSearchesPerMinute(int perMinute) {
        return new HttpSettings(version, perMinute, maxBodyBytes, corsOrigins, heartbeatInterval, demo, connections, trustedProxies, sharedRateLimits);
    }

    public HttpSettings withCorsOrigins(List<String> origins) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, origins, heartbeatInterval, demo, connections, trustedProxies, sharedRateLimits);
    }

    public HttpSettings withHeartbeatInterval(Duration interval) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, corsOrigins, interval, demo, connections, trustedProxies, sharedRateLimits);
    }

    public HttpSettings withDemo(boolean demoStores) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, corsOrigins, heartbeatInterval, demoStores, connections, trustedProxies, sharedRateLimits);
    }

    public HttpSettings withConnections(Connections limits) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, corsOrigins, heartbeatInterval, demo, limits, trustedProxies, sharedRateLimits);
    }

    public HttpSettings withTrustedProxies(TrustedProxies proxies) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, corsOrigins, heartbeatInterval, demo, connections,
                proxies, sharedRateLimits);
    }

    /** Rate-limit counters shared with other instances; null: this process counts alone. */
    public HttpSettings withSharedRateLimits(RateLimitCounters counters) {
        return new HttpSettings(version, searchesPerMinute, maxBodyBytes, corsOrigins, heartbeatInterval, demo, connections,
                trustedProxies, counters);
    }
}
