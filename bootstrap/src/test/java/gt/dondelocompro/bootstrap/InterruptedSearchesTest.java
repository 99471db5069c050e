package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.adapters.persistence.TestDatabase;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a kill -9 leaves: a search's header row is written as it starts, so a process that dies mid-search
 * leaves it {@code running}; the next start-up marks it interrupted and its id answers with that status.
 * Also measures the window a kill -9 can still lose: from the answer to {@code POST /search} to the row.
 */
class InterruptedSearchesTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final UUID CUT_OFF = UUID.fromString("0b6c7a52-5d1e-4f57-9a3c-2f0e4b8d9c11");
    private static DondeLoComproApp app;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws SQLException {
        DB.persistence(); // migrated
        try (Connection db = DriverManager.getConnection(DB.url()); Statement s = db.createStatement()) {
            // what a process killed in the middle of a search leaves behind
            s.execute("insert into searches (id, query, query_normalized, max_results, status, created_at, started_at) values ('"
                    + CUT_OFF + "', 'Licuadora', 'licuadora', 10, 'running', now() - interval '1 minute', now() - interval '1 minute')");
        }
        // the demo stores with their real latencies: a search runs for seconds (the slow store takes 3.5 s)
        app = Main.start(Map.of("PORT", "0", "DATABASE_URL", DB.url(), "DATABASE_POOL_SIZE", "2", "DATABASE_MAX_OVERFLOW", "4",
                "RATE_LIMIT_PER_MINUTE", "1000"), "--demo");
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_search_left_running_by_a_crash_is_marked_interrupted_at_start_up_and_answers_so() throws Exception {
        try (Connection db = DriverManager.getConnection(DB.url()); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("select status, completed_at is not null from searches where id = '" + CUT_OFF + "'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("interrupted");
            assertThat(r.getBoolean(2)).isTrue();
        }

        HttpResponse<String> results = get("/search/" + CUT_OFF + "/results");
        assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
        JsonNode search = json.readTree(results.body());
        assertThat(search.get("status").asText()).isEqualTo("interrupted");
        assertThat(search.get("error").asText()).contains("stopped before this search finished");
        assertThat(search.get("products")).isEmpty();

        HttpResponse<String> events = get("/search/" + CUT_OFF + "/events");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("event:connected").contains("event:error").doesNotContain("event:completed");
        assertThat(events.body().strip()).as("the stream ends after the error").endsWith("}");
    }

    @Test
    void a_started_search_has_its_row_within_milliseconds_of_the_answer_the_kill_9_loss_window() throws Exception {
        List<Double> delaysMs = new ArrayList<>();
        int stillRunning = 0;
        try (Connection db = DriverManager.getConnection(DB.url());
             PreparedStatement row = db.prepareStatement("select status from searches where id = ?")) {
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/search?use_cache=false"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"licuadora " + i + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
                UUID id = UUID.fromString(json.readTree(started.body()).get("search_id").asText());
                row.setObject(1, id);
                String status = null;
                while (status == null) {
                    assertThat(System.nanoTime() - answered).as("row of search " + id).isLessThan(10_000_000_000L);
                    try (ResultSet r = row.executeQuery()) {
                        status = r.next() ? r.getString(1) : null;
                    }
                }
                delaysMs.add((System.nanoTime() - answered) / 1e6);
                if (status.equals("running")) {
                    stillRunning++;
                }
            }
        }
        Collections.sort(delaysMs);
        double p50 = delaysMs.get(delaysMs.size() / 2);
        double p99 = delaysMs.get((int) Math.ceil(delaysMs.size() * 0.99) - 1);
        System.out.printf("[kill -9 window] POST /search answered -> header row visible, %d searches: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d seen running)%n",
                delaysMs.size(), p50, p99, delaysMs.getLast(), stillRunning);
        assertThat(stillRunning).as("rows written while the searches run, not only when they are saved").isEqualTo(delaysMs.size());
        assertThat(p99).isLessThan(1_000);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
