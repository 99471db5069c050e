package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.adapters.persistence.TestDatabase;
import gt.dondelocompro.bootstrap.ServiceClient.Sse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service, started through {@link Main#start} as {@code main} starts it, with {@code DATABASE_URL}
 * on PostgreSQL and the demo stores (with their real latencies): a search through HTTP and SSE, and then the
 * search, its products, prices, events and the day's store performance in the database.
 */
// the WebSocket search runs second: the first test counts the day's searches per store
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static DondeLoComproApp app;
    private static String base;
    private final ServiceClient client = new ServiceClient(base);
    private final HttpClient http = client.http();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        app = Main.start(Map.of("PORT", "0", "DATABASE_URL", DB.url(), "DATABASE_POOL_SIZE", "2", "DATABASE_MAX_OVERFLOW", "2"), "--demo");
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void a_search_streams_live_and_lands_in_postgresql() throws Exception {
        JsonNode ticket = client.startSearch("{\"query\": \"Licuadora  Oster\"}", true);
        UUID id = UUID.fromString(ticket.get("search_id").asText());

        List<Sse> events = client.readStream(ticket.get("sse_url").asText());

        List<String> names = events.stream().map(Sse::event).toList();
        assertThat(names.getFirst()).isEqualTo("connected");
        assertThat(names).contains("started", "vendor_started", "product_found", "vendor_completed", "vendor_error");
        assertThat(names.getLast()).isEqualTo("completed");
        assertThat(events).filteredOn(e -> e.event().equals("vendor_error")).singleElement()
                .satisfies(e -> {
                    assertThat(e.data().get("vendor_id").asText()).isEqualTo("demo-caida");
                    assertThat(e.data().get("kind").asText()).isEqualTo("http_status");
                });
        JsonNode completed = events.getLast().data();
        assertThat(completed.get("cheapest").get("name").asText()).containsIgnoringCase("licuadora");
        int total = completed.get("total_results").asInt();
        long logged = events.stream().filter(e -> e.id() != null).count();

        try (Connection db = DriverManager.getConnection(DB.url())) {
            // the header row is there from the start (running); the recorder replaces it once the search is saved
            awaitRow(db, "select count(*) from searches where id = '" + id + "' and status <> 'running'");
            assertThat(queryMap(db, "select query, query_normalized, status, total_products from searches where id = '" + id + "'"))
                    .containsEntry("query", "Licuadora  Oster").containsEntry("query_normalized", "licuadora oster")
                    .containsEntry("status", "completed").containsEntry("total_products", String.valueOf(total));
            assertThat(count(db, "select count(*) from search_results where search_id = '" + id + "'")).isEqualTo(total);
            assertThat(count(db, "select count(*) from search_events where search_id = '" + id + "'")).isEqualTo(logged);
            assertThat(count(db, "select count(distinct p.id) from products p join search_results r on r.product_id = p.id where r.search_id = '" + id + "'"))
                    .isEqualTo(total);
            assertThat(count(db, "select count(*) from product_prices pp join search_results r on r.product_id = pp.product_id where r.search_id = '" + id + "'"))
                    .isEqualTo(total);
            assertThat(count(db, "select count(*) from vendors where base_url like 'http://127.0.0.1:%' and active")).isEqualTo(6);
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(count(db, "select count(*) from vendor_performance where date = '" + today + "'")).isEqualTo(6);
            assertThat(queryMap(db, "select total_searches, error_count, success_rate from vendor_performance where vendor_id = 'demo-caida' and date = '" + today + "'"))
                    .containsEntry("total_searches", "1").containsEntry("error_count", "1").containsEntry("success_rate", "0.00");
        }

        // and the service reads it back: results with product ids, a price history, analytics
        JsonNode results = client.getJson("/search/" + id + "/results");
        long productId = results.at("/products/0/product_id").asLong();
        assertThat(client.getJson("/products/" + productId + "/price-history?days=1").get("observations")).hasSize(1);
        assertThat(client.getJson("/analytics/popular-searches?days=1").get(0).get("query").asText()).isEqualTo("licuadora oster");
        assertThat(client.getJson("/analytics/vendor-performance?vendor_id=demo-almacen&days=1")).hasSize(1);
        JsonNode health = client.getJson("/health");
        assertThat(health.get("database").asText()).isEqualTo("connected");
        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("demo").asBoolean()).isTrue();
        assertThat(client.getJson("/vendors")).hasSize(6).allSatisfy(v -> assertThat(v.get("demo").asBoolean()).isTrue());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/observe/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("dondelocompro_db_pool_max", "dondelocompro_recorder_saved");
    }

    @Test
    @Order(2)
    void the_app_serves_the_websocket_transport() throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/ws/search"),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                frames.add(json.readTree(text.toString()));
                            } catch (java.io.IOException e) {
                                closed.completeExceptionally(e);
                            }
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"query\": \"licuadora por websocket\", \"use_cache\": false}", true).get(10, TimeUnit.SECONDS);

        assertThat(closed.get(30, TimeUnit.SECONDS)).as("closed normally after completed").isEqualTo(1000);
        assertThat(frames.getFirst().get("event").asText()).isEqualTo("search_started");
        assertThat(frames.getFirst().get("data").get("sse_url").asText()).startsWith("http://127.0.0.1:" + app.port() + "/search/");
        assertThat(frames.getLast().get("event").asText()).isEqualTo("completed");
    }

    /** The recorder saves in the background: wait (bounded) until the row is there. */
    private static void awaitRow(Connection db, String countQuery) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count(db, countQuery) == 0) {
            assertThat(System.nanoTime()).as("row never appeared: " + countQuery).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, String> queryMap(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            Map<String, String> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
            }
            return row;
        }
    }
}
