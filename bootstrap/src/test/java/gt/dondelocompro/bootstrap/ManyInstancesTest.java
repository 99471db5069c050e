package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.adapters.persistence.TestDatabase;
import gt.dondelocompro.adapters.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the whole service in one JVM sharing a Redis (a namespace of their own) and a PostgreSQL
 * database, each with its own demo stores on loopback at their real latencies (the slow one takes 3.5 s or more):
 * a search started on one is streamed from another and resumed on the third with {@code Last-Event-ID}; its
 * results read anywhere; an identical search on another instance joins it; and a search whose instance dies
 * mid-search is completed by another, once, and recorded.
 */
class ManyInstancesTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Pattern EVENT = Pattern.compile("(?m)^id:(\\d+)\\nevent:(\\w+)\\n");
    private static Map<String, String> env;
    private static final List<DondeLoComproApp> APPS = new ArrayList<>();
    private static DondeLoComproApp a;
    private static DondeLoComproApp b;
    private static DondeLoComproApp c;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        DB.persistence(); // migrated before the instances start
        env = new HashMap<>(Map.of("PORT", "0", "DATABASE_URL", DB.url(), "DATABASE_POOL_SIZE", "2", "DATABASE_MAX_OVERFLOW", "4",
                "REDIS_URL", TestRedis.url(), "REDIS_KEY_PREFIX", TestRedis.namespace(), "RATE_LIMIT_PER_MINUTE", "1000",
                "SEARCH_TIMEOUT_MS", "8000"));
        a = instance();
        b = instance();
        c = instance();
    }

    private static DondeLoComproApp instance() {
        DondeLoComproApp app = Main.start(env, "--demo");
        APPS.add(app);
        return app;
    }

    @AfterAll
    static void stop() {
        APPS.forEach(DondeLoComproApp::close);
    }

    private String base(DondeLoComproApp app) {
        return "http://127.0.0.1:" + app.port();
    }

    private JsonNode post(DondeLoComproApp app, String body) throws Exception {
        return post(app, body, "");
    }

    private JsonNode post(DondeLoComproApp app, String body, String params) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base(app) + "/search" + params))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return json.readTree(res.body());
    }

    private HttpResponse<String> get(DondeLoComproApp app, String path, String... headers) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base(app) + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The (id, name) of each search event of a stream, in order. */
    private static List<String> events(String stream) {
        List<String> found = new ArrayList<>();
        Matcher m = EVENT.matcher(stream);
        while (m.find()) {
            found.add(m.group(1) + ":" + m.group(2));
        }
        return found;
    }

    @Test
    void aSearchStartedOnOneIsStreamedFromAnotherAndResumedOnTheThird() throws Exception {
        String id = post(a, "{\"query\": \"licuadora\"}", "?use_cache=false").get("search_id").asText();
        // asked of B at once, before A has published anything: B waits for the log instead of answering 404 or 204
        java.util.concurrent.CompletableFuture<HttpResponse<String>> streamOnB = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return get(b, "/search/" + id + "/events");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        HttpResponse<String> running = get(b, "/search/" + id + "/results");
        assertThat(running.statusCode()).as("results on another instance while it runs: " + running.body()).isEqualTo(200);
        assertThat(json.readTree(running.body()).get("search_id").asText()).isEqualTo(id);

        HttpResponse<String> streamed = streamOnB.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(streamed.statusCode()).isEqualTo(200);
        List<String> onB = events(streamed.body());
        assertThat(onB).as("the whole log, live, from B").isNotEmpty();
        assertThat(onB.getFirst()).isEqualTo("1:started");
        assertThat(onB.getLast()).endsWith(":completed");
        assertThat(onB.stream().filter(e -> e.endsWith(":completed"))).hasSize(1);
        for (int i = 0; i < onB.size(); i++) {
            assertThat(onB.get(i)).startsWith((i + 1) + ":");
        }
        List<String> onA = events(get(a, "/search/" + id + "/events").body());
        assertThat(onB).as("the same log on the instance running it").isEqualTo(onA);

        List<String> resumedOnC = events(get(c, "/search/" + id + "/events", "Last-Event-ID", "3").body());
        assertThat(resumedOnC).isEqualTo(onB.subList(3, onB.size()));
        assertThat(get(c, "/search/" + id + "/events", "Last-Event-ID", Integer.toString(onB.size())).statusCode())
                .as("resumed after the last event").isEqualTo(204);

        assertThat(Await.within(Duration.ofSeconds(10), () -> status(c, id).equals("completed"))).as("results on C once completed").isTrue();
        assertThat(get(b, "/search/" + UUID.randomUUID() + "/events").statusCode()).as("unknown everywhere").isEqualTo(404);
        assertThat(get(b, "/search/" + UUID.randomUUID() + "/results").statusCode()).isEqualTo(404);
    }

    @Test
    void anIdenticalSearchOnAnotherInstanceJoinsTheRunningOne() throws Exception {
        String first = post(a, "{\"query\": \"Cafetera\"}").get("search_id").asText();
        JsonNode second = post(b, "{\"query\": \"  cafetera \"}");

        assertThat(second.get("joined_from").asText()).as(second.toString()).isEqualTo(first);
        String joined = second.get("search_id").asText();
        List<String> followed = events(get(c, "/search/" + joined + "/events").body());
        List<String> source = events(get(a, "/search/" + first + "/events").body());
        assertThat(followed).as("the joined search's log, read from a third instance").isEqualTo(source);
        assertThat(followed.getLast()).endsWith(":completed");
    }

    @Test
    void aSearchWhoseInstanceDiesIsCompletedByAnotherOnceAndRecorded() throws Exception {
        DondeLoComproApp doomed = instance();
        String id = post(doomed, "{\"query\": \"televisor\"}", "?use_cache=false").get("search_id").asText();
        Thread.sleep(1500); // the fast stores answered, the slow one has not
        long killed = System.nanoTime();
        doomed.haltAsIfKilled();

        String stream = get(b, "/search/" + id + "/events").body();
        double tookSeconds = (System.nanoTime() - killed) / 1e9;
        System.out.printf("[many-instances] a dead instance's search completed by another %.1f s after it died%n", tookSeconds);
        List<String> seen = events(stream);
        assertThat(seen.getLast()).as(stream).endsWith(":completed");
        assertThat(seen.stream().filter(e -> e.endsWith(":completed"))).hasSize(1);
        assertThat(stream).contains("the instance running this search stopped");
        assertThat(tookSeconds).as("within the deadline (8 s) plus a few seconds").isLessThan(12);

        assertThat(Await.within(Duration.ofSeconds(10), () -> status(c, id).equals("completed"))).as("completed, read on C").isTrue();
        JsonNode results = json.readTree(get(c, "/search/" + id + "/results").body());
        assertThat(results.toString()).contains("the instance running this search stopped");
        // the results above may come from the shared log before the recorder has written the search: wait for the row
        assertThat(Await.within(Duration.ofSeconds(10), () -> completedEventsRecorded(id) > 0)).as("recorded in PostgreSQL").isTrue();
        assertThat(completedEventsRecorded(id)).as("one completed event recorded").isEqualTo(1);
    }

    private static int completedEventsRecorded(String id) {
        try (Connection db = DriverManager.getConnection(DB.url()); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("select count(*) from search_events where search_id = '" + id + "' and event_type = 'completed'")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(DondeLoComproApp app, String id) {
        try {
            HttpResponse<String> res = get(app, "/search/" + id + "/results");
            return res.statusCode() == 200 ? json.readTree(res.body()).get("status").asText() : "http " + res.statusCode();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
