package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service on a PostgreSQL of its own that the test stops and starts again (same port, same files):
 * while it is down, searches still run and are served from memory, reads that need the database answer 503
 * with Retry-After, unknown searches stay 404, {@code /health} answers at once and says degraded; once it is
 * back, the backlog is saved within 2 s.
 */
class DatabaseOutageTest {

    @TempDir
    static Path dataDir;

    private static int pgPort;
    private static EmbeddedPostgres postgres;
    private static DondeLoComproApp app;
    private static String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            pgPort = free.getLocalPort();
        }
        postgres = startPostgres();
        app = DondeLoComproApp.startWithFastDemo(AppConfig.from(Map.of("PORT", "0", "DLC_DEMO", "true",
                "DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"), "DATABASE_POOL_SIZE", "2", "DATABASE_MAX_OVERFLOW", "2")));
        base = "http://127.0.0.1:" + app.port();
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(dataDir.resolve("pg"))
                .setCleanDataDirectory(false).start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void reads_degrade_while_the_database_is_down_and_saving_resumes_within_2_s_of_its_return() throws Exception {
        UUID before = search("licuadora");
        Await.until("the first search is saved", Duration.ofSeconds(10), () -> app.core().recorderStats().saved() >= 1);
        long productId = getJson("/search/" + before + "/results").at("/products/0/product_id").asLong();
        assertThat(productId).isPositive();

        postgres.close();
        postgres = null;

        UUID during = search("licuadora oster");
        HttpResponse<String> results = get("/search/" + during + "/results");
        assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
        assertThat(json.readTree(results.body()).get("status").asText()).isEqualTo("completed");
        assertThat(json.readTree(results.body()).at("/products/0/name").isTextual()).isTrue();
        assertThat(json.readTree(results.body()).at("/products/0/product_id").isMissingNode()).as("unknown while down").isTrue();
        assertThat(get("/search/" + before + "/results").statusCode()).as("a search saved before, still in memory").isEqualTo(200);

        assertThat(get("/search/" + UUID.randomUUID() + "/events").statusCode()).isEqualTo(404);
        for (String path : new String[]{"/products/" + productId + "/price-history?days=1", "/analytics/popular-searches?days=1",
                "/analytics/vendor-performance?days=1"}) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as(path).isPresent();
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }

        Await.until("/health notices the outage", Duration.ofSeconds(5), () -> get("/health").statusCode() == 503);
        long worst = 0;
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            HttpResponse<String> health = get("/health");
            worst = Math.max(worst, (System.nanoTime() - t) / 1_000_000);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("degraded");
            assertThat(json.readTree(health.body()).get("database").asText()).isEqualTo("disconnected");
        }
        System.out.println("[outage] /health while the database is down: slowest of 10 answers " + worst + " ms");
        assertThat(worst).isLessThan(500);

        // let the recorder fail for a while, so that a growing backoff would show
        Await.until("the recorder retries", Duration.ofSeconds(10), () -> app.core().recorderStats().retrying() >= 1);
        Thread.sleep(6_000);
        long saved = app.core().recorderStats().saved();

        postgres = startPostgres();
        long back = System.nanoTime();
        Await.until("the backlog is saved", Duration.ofSeconds(30), () -> app.core().recorderStats().saved() > saved);
        long resumedMs = (System.nanoTime() - back) / 1_000_000;
        System.out.println("[outage] first save " + resumedMs + " ms after the database answered again");
        // the 2 s target is measured by the fault suite; here a bound that the pool creator's backoff (up to 5 s
        // before the pool was renewed on the database's return), a growing retry backoff or a 9 s connection
        // timeout would break, with room for a loaded build machine
        assertThat(resumedMs).isLessThan(4_000);
        Await.until("/health is healthy again", Duration.ofSeconds(5), () -> get("/health").statusCode() == 200);
        assertThat(getJson("/analytics/popular-searches?days=1")).hasSize(2);
    }

    private UUID search(String query) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/search?use_cache=false"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        UUID id = UUID.fromString(json.readTree(started.body()).get("search_id").asText());
        Await.until("search " + query + " finishes", Duration.ofSeconds(20), () -> {
            HttpResponse<String> r = get("/search/" + id + "/results");
            try {
                return r.statusCode() == 200 && json.readTree(r.body()).get("status").asText().equals("completed");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return id;
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode getJson(String path) throws IOException {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }
}
