package gt.dondelocompro.adapters.http;

import io.helidon.http.Method;
import io.helidon.webserver.WebServerConfig;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.cors.CorsFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import io.helidon.webserver.websocket.WsRouting;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The HTTP adapter's entry point: {@link #configure} sets up the server (Helidon's CORS for the configured
 * origins, the server's own request-body cap, problem answers for requests refused before routing, the read and
 * idle timeouts and the connection cap of {@link HttpSettings.Connections}, TCP_NODELAY on accepted connections) and
 * {@link #routing} registers the whole contract (REST, server-sent events, the web page under {@code /web}),
 * the common headers and problem answers on a routing builder. The bootstrap owns the WebServer (port,
 * observability) and hands in the use cases it serves.
 *
 * <pre>{@code
 * HttpSettings settings = HttpSettings.defaults(version).withCorsOrigins(origins);
 * WebServer server = DondeLoComproHttp.configure(WebServer.builder().port(port), settings)
 *         .addFeature(observe.feature(health))                             // /observe/health, /observe/metrics
 *         .routing(r -> DondeLoComproHttp.routing(r, useCases, settings))
 *         .addRouting(DondeLoComproHttp.webSocketRouting(useCases, settings))      // /ws/search
 *         .build()
 *         .start();
 * }</pre>
 * Unmatched paths end in Helidon's {@code NotFoundException}, answered as a 404 problem; there is no catch-all
 * route, so routes added by features (observe) after these stay reachable.
 */
public final class DondeLoComproHttp {

    static final Set<String> ALLOWED_HEADERS = Set.of("Content-Type", "Accept", "Last-Event-ID", "Authorization");
    static final Duration CORS_MAX_AGE = Duration.ofMinutes(10);
    static final String OPENAPI_DOCUMENT = "META-INF/openapi.yaml";

    private DondeLoComproHttp() {
    }

    /** The server features, CORS payload cap and refusal answers the contract needs, on the bootstrap's server. */
    public static WebServerConfig.Builder configure(WebServerConfig.Builder server, HttpSettings settings) {
        serverFeatures(settings).forEach(server::addFeature);
        HttpSettings.Connections limits = settings.connections();
        return server.maxPayloadSize(settings.maxBodyBytes())
                .directHandlers(RefusedRequests.handlers(settings))
                // Helidon's NIO socket writes an answer in 8 KB pieces and leaves Nagle's algorithm on: the pieces
                // after the first waited for the client's delayed ACK (40 ms) when the rest was under one segment
                // (a 23 KB answer on a kept-alive connection); each write goes out at once
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                // between requests: Helidon closes a kept-alive connection idle for this long
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(idleCheckPeriod(limits.idleTimeout()))
                // the cap (503 beyond it) and the read timeout of a half-sent request
                .addConnectionSelector(new ConnectionGuard(limits.maxConnections(), limits.readTimeout()))
                // sockets that have sent nothing yet are not HTTP connections to the guard (Helidon identifies a
                // connection by its first bytes); this bounds them, and their number, not their time
                .maxTcpConnections(2 * limits.maxConnections());
    }

    /** Idle connections are looked for four times per idle timeout, at most every two minutes. */
    private static Duration idleCheckPeriod(Duration idleTimeout) {
        Duration quarter = idleTimeout.dividedBy(4);
        Duration atLeast = quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : quarter;
        return atLeast.compareTo(Duration.ofMinutes(2)) > 0 ? Duration.ofMinutes(2) : atLeast;
    }

    /**
     * Helidon's OpenAPI feature serving the contract, {@code META-INF/openapi.yaml}, at {@code /openapi}, and its
     * CORS feature allowing only {@link HttpSettings#corsOrigins()} ({@code "*"}: any). Helidon would otherwise
     * discover its CORS feature on the classpath (observe brings it) and, unconfigured, let every origin read every
     * answer. Same-origin requests (the page's own) are not CORS and pass.
     */
    public static List<ServerFeature> serverFeatures(HttpSettings settings) {
        return List.of(cors(settings), OpenApiFeature.builder().staticFile(OPENAPI_DOCUMENT).build());
    }

    private static ServerFeature cors(HttpSettings settings) {
        Set<String> origins = new LinkedHashSet<>();
        settings.corsOrigins().forEach(o -> origins.add(o.endsWith("/") ? o.substring(0, o.length() - 1) : o));
        if (origins.isEmpty()) {
            return CorsFeature.builder().enabled(false).build();
        }
        return CorsFeature.builder()
                .enabled(true)
                .addDefaults(false)
                .pathsDiscoverServices(false)
                .addPath(path -> path.pathPattern("/*")
                        .allowOrigins(origins)
                        .allowMethods(Set.of(Method.GET.text(), Method.POST.text(), Method.DELETE.text(), Method.OPTIONS.text()))
                        .allowHeaders(ALLOWED_HEADERS)
                        .exposeHeaders(Set.of("Retry-After"))
                        .allowCredentials(false)
                        .maxAge(CORS_MAX_AGE))
                .build();
    }

    public static HttpRouting.Builder routing(HttpRouting.Builder routing, HttpUseCases useCases, HttpSettings settings) {
        Problems.registerErrorHandlers(routing);
        routing
                .addFilter(new ResponseHeadersFilter())
                .addFilter(new ClientOriginFilter(settings.trustedProxies()))
                .register(new RootHttpService(settings.version()),
                        new HealthHttpService(useCases.health(), settings.demo()).withAlerts(useCases.alerts()),
                        new SearchHttpService(useCases.startSearch(), useCases.getSearch(), useCases.subscribeToSearch(),
                                useCases.priceHistory(), useCases.catalogProducts(), settings),
                        new VendorHttpService(useCases.vendors(), settings.demo()),
                        new ProductHttpService(useCases.priceHistory()),
                        new CatalogProductHttpService(useCases.catalogProducts()),
                        new DocsHttpService())
                .register("/analytics", new AnalyticsHttpService(useCases.popularSearches(), useCases.storePerformance()))
                .register(useCases.alerts() == null ? new HttpService[0]
                        : new HttpService[]{new AlertsHttpService(useCases.alerts(), settings)})
                .register("/web", StaticContentFeature.createService(ClasspathHandlerConfig.create("web")));
        // no catch-all route: features such as observe add their routes after these, and an unmatched request
        // ends in Helidon's NotFoundException, which Problems answers as a 404 problem
        return routing;
    }

    /**
     * The routing of an instance that only runs store fetches ({@code DLC_ROLE=worker}): {@code /health} (and the
     * observe feature's {@code /observe/...}, metrics among them, which the bootstrap adds); anything else is a 404
     * problem that says where searches go instead.
     */
    public static HttpRouting.Builder workerRouting(HttpRouting.Builder routing, HttpUseCases useCases, HttpSettings settings) {
        Problems.registerErrorHandlers(routing);
        routing
                .addFilter(new ResponseHeadersFilter())
                .addFilter((chain, req, res) -> {
                    String path = req.path().path();
                    if (path.equals("/health") || path.equals("/observe") || path.startsWith("/observe/")) {
                        chain.proceed();
                    } else {
                        Problems.send(req, res, io.helidon.http.Status.NOT_FOUND_404, "this instance only runs store fetches "
                                + "(DLC_ROLE=worker) and serves /health and /observe/metrics: send searches to an instance "
                                + "whose DLC_ROLE is all or api", null, java.util.Map.of());
                    }
                })
                .register(new HealthHttpService(useCases.health(), settings.demo()));
        return routing;
    }

    /** The WebSocket transport of searches ({@code /ws/search}, {@code /ws/search/{id}}); see {@link SearchWebSocket}. */
    public static WsRouting.Builder webSocketRouting(HttpUseCases useCases, HttpSettings settings) {
        return SearchWebSocket.create(useCases, settings).routing();
    }
}
