package gt.dondelocompro.bootstrap;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped in the middle of a load (a Redis of this test's own, on its own port) and started again: two
 * instances keep taking searches from four clients all along, no request gets a 5xx, every accepted search
 * reaches {@code completed} on the stream its client follows (those whose fetch tasks were lost with Redis with
 * their stores as {@code timeout}), and once Redis is back a search started on one instance streams from the other.
 */
class RedisOutageUnderLoadTest {

    private static RedisServerProcess redis;
    private static DondeLoComproApp a;
    private static DondeLoComproApp b;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.startOwnForTest();
        Map<String, String> env = Map.of("PORT", "0", "DLC_DEMO", "true", "REDIS_URL", redis.url(),
                "REDIS_KEY_PREFIX", TestRedis.namespace(), "RATE_LIMIT_PER_MINUTE", "100000", "SEARCH_TIMEOUT_MS", "3000");
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

    /** One search: its POST's status, and whether the stream it names ended with {@code completed}. */
    private record Outcome(int status, boolean completed, String detail) {
    }

    private Outcome search(DondeLoComproApp app, String query) {
        try {
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/search?use_cache=false"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() != 200) {
                return new Outcome(posted.statusCode(), false, posted.body());
            }
            String sse = json.readTree(posted.body()).get("sse_url").asText();
            String events = http.send(HttpRequest.newBuilder(URI.create(sse)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new Outcome(200, events.contains("event:completed"), events.length() > 300 ? events.substring(events.length() - 300) : events);
        } catch (Exception e) {
            return new Outcome(-1, false, e.toString());
        }
    }

    @Test
    void redisStoppedMidLoadLosesNoSearchAndAnswersNo5xx() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                for (int i = 0; loading.get(); i++) {
                    outcomes.add(search(i % 2 == 0 ? a : b, "licuadora " + client + "-" + i));
                }
            }));
        }
        Thread.sleep(1_500);
        redis.stop();
        int beforeRestart;
        Thread.sleep(3_000);
        beforeRestart = outcomes.size();
        redis.startAgain();
        Thread.sleep(2_500);
        loading.set(false);
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        System.out.printf("[redis-outage-load] %d searches, %d done before Redis came back%n", outcomes.size(), beforeRestart);
        assertThat(outcomes).as("searches made").hasSizeGreaterThan(12);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.status()).as(o.detail()).isEqualTo(200);
            assertThat(o.completed()).as("its stream ended with completed: " + o.detail()).isTrue();
        });

        assertThat(Await.within(Duration.ofSeconds(10), () -> health(a).contains("\"redis\":\"connected\"")
                && health(b).contains("\"redis\":\"connected\""))).as("shared again").isTrue();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/search?use_cache=false"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"cafetera\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = json.readTree(posted.body()).get("search_id").asText();
        String onB = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/search/" + id + "/events"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(onB).as("a search started on A, streamed from B after the outage").contains("event:started").contains("event:completed");
    }

    private String health(DondeLoComproApp app) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().replace(" ", "");
        } catch (Exception e) {
            return e.toString();
        }
    }
}
