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
        DondeLoComproObserve observe = DondeLoComproObserve.create();
        server = DondeLoComproHttp.configure(WebServer.builder(), settings)
                .port(0)
                .addFeature(observe.feature(core.health()))
                .routing(r -> DondeLoComproHttp.routing(r, TestUseCases.of(core), settings))
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

    // ---- CORS is Helidon's, configured by DondeLoComproHttp.configure

    @Test
    void aPreflightFromAConfiguredOriginIsAllowed() throws Exception {
        HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/search"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isIn(200, 204);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(reply.headers().allValues("Access-Control-Allow-Methods").toString()).contains("POST");
        assertThat(reply.headers().allValues("Access-Control-Allow-Headers").toString()).containsIgnoringCase("content-type");
        assertThat(reply.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() throws Exception {
        HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/search"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void onlyConfiguredOriginsMayReadAnswersErrorsIncluded() throws Exception {
        HttpResponse<String> allowed = get("/", "Origin", ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(allowed.headers().allValues("Vary").toString()).contains("Origin");
        HttpResponse<String> problem = get("/nothing", "Origin", ORIGIN);
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(get("/vendors", "Origin", "https://evil.example").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theSameOriginIsNotCors() throws Exception {
        HttpResponse<String> own = get("/vendors", "Origin", "http://localhost:" + server.port());
        assertThat(own.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path, String header, String value) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header(header, value).build(), HttpResponse.BodyHandlers.ofString());
    }
}
