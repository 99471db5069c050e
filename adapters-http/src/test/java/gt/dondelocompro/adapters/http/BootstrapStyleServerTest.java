package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.domain.Availability;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebServer built by hand the way the bootstrap builds it (outside Helidon's test extensions): the adapter's
 * routes, its CORS policy winning over Helidon's discovered one, observe's routes reachable, 404 problems.
 */
class BootstrapStyleServerTest {

    static final String ORIGIN = "https://front.example";
    static DondeLoCompro core;
    static WebServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        core = DondeLoCompro.builder().store(GateStore.offering("unica", "Tienda Única",
                new GateStore.Offering("U-1", "Licuadora Oster", "299", null, Availability.IN_STOCK))).build();
        HttpSettings settings = HttpSettings.defaults("bootstrap-style").withCorsOrigins(List.of(ORIGIN));
        DondeLoComproObserve observe = DondeLoComproObserve.create(core);
        server = WebServer.builder()
                .port(0)
                .features(DondeLoComproHttp.serverFeatures())
                .addFeature(observe.feature())
                .routing(r -> DondeLoComproHttp.routing(r, observe.instrument(HttpUseCases.of(core)), settings))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        core.close(Duration.ofSeconds(5));
    }

    @Test
    void theContractAndObserveLiveSideBySide() throws Exception {
        HttpResponse<String> vendors = get("/vendors", "Origin", ORIGIN);
        assertThat(vendors.statusCode()).isEqualTo(200);
        assertThat(vendors.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(vendors.headers().firstValue("Content-Security-Policy")).isPresent();

        HttpResponse<String> foreign = get("/vendors", "Origin", "https://evil.example");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        assertThat(get("/observe/health", "Accept", "application/json").statusCode()).isIn(200, 204);

        HttpResponse<String> missing = get("/nothing/here", "Accept", "application/json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(missing.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    private static HttpResponse<String> get(String path, String header, String value) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header(header, value).build(), HttpResponse.BodyHandlers.ofString());
    }
}
