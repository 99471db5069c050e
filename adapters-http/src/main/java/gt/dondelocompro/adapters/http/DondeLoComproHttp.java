package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.DondeLoCompro;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.cors.CorsFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

import java.util.List;

/**
 * The HTTP adapter's entry point: registers the whole contract (REST, server-sent events, the web page under
 * {@code /web}), the common headers, CORS and problem answers on a routing builder. The bootstrap owns the
 * WebServer (port, observability) and calls one of these.
 *
 * <pre>{@code
 * HttpSettings settings = HttpSettings.defaults(version).withCorsOrigins(origins);
 * DondeLoComproObserve observe = DondeLoComproObserve.create(core);          // optional
 * WebServer server = WebServer.builder()
 *         .port(port)
 *         .features(DondeLoComproHttp.serverFeatures())
 *         .addFeature(observe.feature())                                    // /observe/health, /observe/metrics
 *         .routing(r -> DondeLoComproHttp.routing(r, observe.instrument(HttpUseCases.of(core)), settings))
 *         .build()
 *         .start();
 * }</pre>
 * Unmatched paths end in Helidon's {@code NotFoundException}, answered as a 404 problem; there is no catch-all
 * route, so routes added by features (observe) after these stay reachable.
 */
public final class DondeLoComproHttp {

    static final String OPENAPI_DOCUMENT = "META-INF/openapi.yaml";

    private DondeLoComproHttp() {
    }

    /**
     * The server features the adapter needs. Helidon discovers its CORS feature on the classpath (observe brings it)
     * and, unconfigured, lets every origin read every answer; this replaces it with a disabled one, since the
     * adapter's own filter allows only {@link HttpSettings#corsOrigins()}. OpenAPI serves the contract,
     * {@code META-INF/openapi.yaml}, at {@code /openapi}.
     */
    public static List<ServerFeature> serverFeatures() {
        return List.of(CorsFeature.builder().enabled(false).build(),
                OpenApiFeature.builder().staticFile(OPENAPI_DOCUMENT).build());
    }

    public static HttpRouting.Builder routing(HttpRouting.Builder routing, DondeLoCompro core, HttpSettings settings) {
        return routing(routing, HttpUseCases.of(core), settings);
    }

    public static HttpRouting.Builder routing(HttpRouting.Builder routing, HttpUseCases useCases, HttpSettings settings) {
        Cors cors = new Cors(settings.corsOrigins());
        ResponseHeaders headers = new ResponseHeaders(cors);
        Problems problems = new Problems(headers);
        problems.registerErrorHandlers(routing);
        routing
                .addFilter(new ResponseHeadersFilter(headers, cors, problems))
                .register(new RootHttpService(settings.version()),
                        new HealthHttpService(useCases.health(), settings.demo()),
                        new SearchHttpService(useCases.startSearch(), useCases.getSearch(), useCases.subscribeToSearch(), useCases.priceHistory(),
                                settings),
                        new VendorHttpService(useCases.vendors(), settings.demo()),
                        new ProductHttpService(useCases.priceHistory()),
                        new DocsHttpService())
                .register("/analytics", new AnalyticsHttpService(useCases.popularSearches(), useCases.storePerformance()))
                .register("/web", StaticContentFeature.createService(ClasspathHandlerConfig.create("web")));
        // no catch-all route: features such as observe add their routes after these, and an unmatched request
        // ends in Helidon's NotFoundException, which Problems answers as a 404 problem
        return routing;
    }
}
