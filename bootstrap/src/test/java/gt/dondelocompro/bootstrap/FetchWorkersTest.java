package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.adapters.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles of many instances sharing a Redis (a namespace per test), each instance in this JVM with its own demo
 * stores on loopback at their real latencies: an {@code api} instance asks no store itself, a {@code worker} runs its
 * fetches and serves only health and metrics; a worker killed while it holds a task (the slow store's, 3.5 s or more)
 * loses it, after the visibility timeout, to a worker started after it died, and the search gets that store's answer.
 */
class FetchWorkersTest {

    private final List<DondeLoComproApp> apps = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String namespace = TestRedis.namespace();

    @AfterEach
    void stop() {
        apps.forEach(DondeLoComproApp::close);
    }

    private DondeLoComproApp instance(String role) {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "REDIS_URL", TestRedis.url(), "REDIS_KEY_PREFIX", namespace,
                "RATE_LIMIT_PER_MINUTE", "1000", "SEARCH_TIMEOUT_MS", "15000", "DLC_ROLE", role));
        DondeLoComproApp app = Main.start(env, "--demo");
        apps.add(app);
        return app;
    }

    private HttpResponse<String> send(DondeLoComproApp app, HttpRequest.Builder req) throws Exception {
        return http.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(DondeLoComproApp app, String path) throws Exception {
        return send(app, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)));
    }

    private HttpResponse<String> post(DondeLoComproApp app, String query) throws Exception {
        return send(app, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/search?use_cache=false"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")));
    }

    private JsonNode results(DondeLoComproApp app, String id) {
        try {
            HttpResponse<String> res = get(app, "/search/" + id + "/results");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            return json.readTree(res.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode vendor(JsonNode results, String vendorId) {
        return StreamSupport.stream(results.get("vendors").spliterator(), false)
                .filter(v -> v.get("vendor_id").asText().equals(vendorId)).findFirst().orElseThrow();
    }

    @Test
    void aWorkerServesOnlyHealthAndMetricsAndAnApiInstanceAsksNoStoreItself() throws Exception {
        DondeLoComproApp api = instance("api");
        DondeLoComproApp worker = instance("worker");

        assertThat(get(worker, "/health").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = post(worker, "licuadora");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("DLC_ROLE=worker").contains("send searches to an instance whose DLC_ROLE is all or api");
        assertThat(get(worker, "/").statusCode()).isEqualTo(404);

        HttpResponse<String> started = post(api, "licuadora");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = json.readTree(started.body()).get("search_id").asText();
        assertThat(Await.within(Duration.ofSeconds(15), () -> results(api, id).get("status").asText().equals("completed"))).isTrue();

        JsonNode done = results(api, id);
        assertThat(vendor(done, "demo-almacen").get("status").asText()).isEqualTo("completed");
        assertThat(done.get("products").size()).isPositive();
        assertThat(api.core().fetchTasksRun()).as("fetches run by the api instance").isZero();
        // a worker counts a task once it acknowledged it, which may come just after the search used its answer
        Await.within(Duration.ofSeconds(5), () -> worker.core().fetchTasksRun() >= 6);
        assertThat(worker.core().fetchTasksRun()).as("fetches run by the worker: one per active demo store").isEqualTo(6);
        String metrics = get(worker, "/observe/metrics").body();
        assertThat(metrics).contains("dondelocompro_fetch_tasks_run");
    }

    @Test
    void aWorkerKilledWhileItHoldsATaskLosesItToAnotherAndTheSearchGetsTheStoresAnswer() throws Exception {
        DondeLoComproApp api = instance("api");
        DondeLoComproApp doomed = instance("worker");
        HttpResponse<String> started = post(api, "televisor");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = json.readTree(started.body()).get("search_id").asText();
        // the fast stores answered through the doomed worker; it still holds the slow store's task (3.5 s or more)
        assertThat(Await.within(Duration.ofSeconds(10), () -> StreamSupport.stream(results(api, id).get("vendors").spliterator(), false)
                .filter(v -> v.get("status").asText().equals("pending")).map(v -> v.get("vendor_id").asText()).toList()
                .equals(List.of("demo-lenta")))).as("only the slow store pending").isTrue();
        long killed = System.nanoTime();
        doomed.haltAsIfKilled();
        DondeLoComproApp survivor = instance("worker");

        assertThat(Await.within(Duration.ofSeconds(20), () -> results(api, id).get("status").asText().equals("completed"))).isTrue();
        double tookSeconds = (System.nanoTime() - killed) / 1e9;
        System.out.printf("[fetch-workers] a killed worker's task answered by another %.1f s after the kill%n", tookSeconds);

        JsonNode slow = vendor(results(api, id), "demo-lenta");
        assertThat(slow.get("status").asText()).as(slow.toString()).isEqualTo("completed");
        Await.within(Duration.ofSeconds(5), () -> survivor.core().fetchTasksRun() >= 1);
        assertThat(survivor.core().fetchTasksRun()).as("the dead worker's task, run by the survivor").isEqualTo(1);
        assertThat(tookSeconds).as("after the visibility timeout (3 s), within the deadline (15 s)").isBetween(2.5, 16.0);
    }
}
