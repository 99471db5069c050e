package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.adapters.redis.RedisServerProcess;
import gt.dondelocompro.adapters.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis that hangs (frozen with SIGSTOP: its connections stay open, nothing answers) rather than one that is down:
 * commands then wait out their timeout instead of failing at once. A search accepted meanwhile still asks its stores
 * (here, after one refused fetch task, not one timeout per store) and completes with their offers well within its
 * deadline; once Redis answers again, the instance is healthy and shares again.
 */
class RedisHangsTest {

    private static RedisServerProcess redis;
    private static DondeLoComproApp app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.startOwnForTest();
        app = DondeLoComproApp.startWithFastDemo(AppConfig.from(Map.of("PORT", "0", "DLC_DEMO", "true", "REDIS_URL", redis.url(),
                "REDIS_KEY_PREFIX", TestRedis.namespace(), "RATE_LIMIT_PER_MINUTE", "1000", "SEARCH_TIMEOUT_MS", "15000")));
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.thaw();
        }
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(res.body());
    }

    @Test
    void aSearchWhileRedisHangsAsksItsStoresAndCompletesWellWithinItsDeadline() throws Exception {
        redis.freeze();
        long posted = System.nanoTime();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/search?use_cache=false"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"licuadora oster\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = json.readTree(started.body()).get("search_id").asText();

        assertThat(Await.within(Duration.ofSeconds(15), () -> {
            try {
                return get("/search/" + id + "/results").get("status").asText().equals("completed");
            } catch (Exception e) {
                return false;
            }
        })).isTrue();
        double seconds = (System.nanoTime() - posted) / 1e9;
        System.out.printf("[redis-hangs] a search accepted while Redis hangs completed %.1f s after its POST%n", seconds);
        JsonNode done = get("/search/" + id + "/results");
        assertThat(done.get("products").size()).as(done.toString()).isPositive();
        assertThat(done.toString()).doesNotContain("no answer within");
        assertThat(seconds).as("one command timeout (2 s) or two, not one per store (6 stores: 12 s)").isLessThan(9);

        redis.thaw();
        assertThat(Await.within(Duration.ofSeconds(10), () -> {
            try {
                return get("/health").get("redis").asText().equals("connected");
            } catch (Exception e) {
                return false;
            }
        })).as("shared again once Redis answers").isTrue();
    }
}
