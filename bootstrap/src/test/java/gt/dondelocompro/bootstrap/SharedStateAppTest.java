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
 * Two instances of the whole service sharing a Redis of the test's own (its own port; the test stops it): the
 * per-client limit on {@code POST /search} holds for both together, {@code /health} says {@code redis: connected},
 * and while Redis is down it says {@code degraded} with {@code redis: disconnected} (503) while searches still run
 * (each instance counting alone); once Redis is back, healthy again.
 */
class SharedStateAppTest {

    private static RedisServerProcess redis;
    private static DondeLoComproApp a;
    private static DondeLoComproApp b;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.startOwnForTest();
        Map<String, String> env = Map.of("PORT", "0", "DLC_DEMO", "true", "REDIS_URL", redis.url(),
                "REDIS_KEY_PREFIX", TestRedis.namespace(), "RATE_LIMIT_PER_MINUTE", "2");
        a = DondeLoComproApp.startWithFastDemo(AppConfig.from(env));
        b = DondeLoComproApp.startWithFastDemo(AppConfig.from(env));
    }

    @AfterAll
    static void stop() {
        for (DondeLoComproApp app : new DondeLoComproApp[]{a, b}) {
            if (app != null) {
                app.close();
            }
        }
        if (redis != null) {
            redis.stop();
        }
    }

    private HttpResponse<String> search(DondeLoComproApp app, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/search?use_cache=false"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> health(DondeLoComproApp app) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRateLimitIsGlobalAndARedisOutageDegradesHealthButNotSearches() throws Exception {
        JsonNode healthy = json.readTree(health(a).body());
        assertThat(healthy.get("redis").asText()).isEqualTo("connected");
        assertThat(health(a).statusCode()).isEqualTo(200);

        assertThat(search(a, "licuadora").statusCode()).isEqualTo(200);
        assertThat(search(b, "licuadora oster").statusCode()).isEqualTo(200);
        HttpResponse<String> third = search(a, "televisor");
        assertThat(third.statusCode()).as("the client's third search of the minute, on either instance").isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(search(b, "televisor").statusCode()).isEqualTo(429);

        redis.stop();
        assertThat(Await.within(Duration.ofSeconds(5), () -> status(b) == 503)).as("degraded while Redis is down").isTrue();
        JsonNode degraded = json.readTree(health(b).body());
        assertThat(degraded.get("status").asText()).isEqualTo("degraded");
        assertThat(degraded.get("redis").asText()).isEqualTo("disconnected");
        HttpResponse<String> alone = search(b, "licuadora");
        assertThat(alone.statusCode()).as("searches go on, counted by this instance alone").isEqualTo(200);
        String events = http.send(HttpRequest.newBuilder(URI.create(json.readTree(alone.body()).get("sse_url").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(events).contains("event:completed");

        redis.startAgain();
        assertThat(Await.within(Duration.ofSeconds(10), () -> status(a) == 200 && status(b) == 200)).as("healthy again").isTrue();
        assertThat(json.readTree(health(a).body()).get("redis").asText()).isEqualTo("connected");
    }

    private int status(DondeLoComproApp app) {
        try {
            return health(app).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
