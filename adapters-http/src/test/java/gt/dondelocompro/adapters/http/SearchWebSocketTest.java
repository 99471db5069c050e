package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.adapters.http.WebSocketConnection.Frame;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket transport on a real socket, through the JDK's client, on a WebServer built as the bootstrap builds
 * it: live frames in order with their ids and a normal close after {@code completed}, replay for late and resuming
 * clients, a search started by its first frame, refused frames and unknown searches closed with a code and a
 * reason, and the subscription freed when a client leaves mid-search. A slow store is held at a gate until the
 * test lets it answer.
 */
class SearchWebSocketTest {

    static final Duration HEARTBEAT = Duration.ofMillis(200);
    static final HttpSettings SETTINGS = HttpSettings.defaults("test").withHeartbeatInterval(HEARTBEAT)
            .withSearchesPerMinute(1000);

    static DondeLoCompro core;
    static GateStore rapida;
    static GateStore lenta;
    static HttpUseCases useCases;
    static SearchWebSocket webSocket;
    static WebServer server;
    /** The searches whose subscriptions the adapter closed, in order. */
    static final BlockingQueue<UUID> closedSubscriptions = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        rapida = GateStore.offering("rapida", "Tienda Rápida",
                new GateStore.Offering("R-1", "Televisor Samsung 50", "3999", "4599", Availability.IN_STOCK),
                new GateStore.Offering("R-2", "Televisor Samsung 55", "4999", null, Availability.UNKNOWN));
        lenta = GateStore.offering("lenta", "Tienda Lenta",
                new GateStore.Offering("L-1", "Televisor Samsung 50 Crystal", "3899.99", null, Availability.IN_STOCK));
        core = DondeLoCompro.builder().store(rapida).store(lenta).build();
        HttpUseCases real = TestUseCases.of(core);
        SubscribeToSearchUseCase watched = (id, after) -> real.subscribeToSearch().subscribe(id, after)
                .map(s -> new WatchedSubscription(id, s, closedSubscriptions));
        useCases = new HttpUseCases(real.startSearch(), real.getSearch(), watched, real.vendors(),
                real.health(), real.priceHistory(), real.popularSearches(), real.storePerformance(),
                real.catalogProducts());
        webSocket = SearchWebSocket.create(useCases, SETTINGS);
        server = start(useCases, webSocket, SETTINGS);
    }

    static WebServer start(HttpUseCases useCases, SearchWebSocket webSocket, HttpSettings settings) {
        return DondeLoComproHttp.configure(WebServer.builder(), settings)
                .port(0)
                .routing(r -> DondeLoComproHttp.routing(r, useCases, settings))
                .addRouting(webSocket.routing())
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        core.close(Duration.ofSeconds(5));
    }

    @Test
    void liveEventsArriveInOrderWithTheirIdsWithHeartbeatsWhileIdleThenANormalClose() throws Exception {
        String query = "televisor samsung crystal";
        lenta.hold(query);
        UUID id = startSearch(query);
        try (WebSocketConnection ws = WebSocketConnection.open(follow(id))) {
            List<Frame> received = new ArrayList<>();
            while (received.isEmpty() || !isCompletionOf(received.getLast(), "rapida")) {
                received.add(ws.nextSkippingHeartbeats());
            }
            // the slow store is still held: nothing happens, so a heartbeat must come, without an id
            Frame heartbeat = ws.next();
            assertThat(heartbeat.event()).isEqualTo("heartbeat");
            assertThat(heartbeat.id()).isNull();
            assertThat(heartbeat.data().get("timestamp").asText()).isNotBlank();

            lenta.release(query);
            received.addAll(ws.untilClosed());
            assertThat(ws.closed().code()).isEqualTo(1000);

            assertThat(received.stream().map(Frame::event).toList())
                    .startsWith("started", "vendor_started", "vendor_started")
                    .endsWith("completed")
                    .containsSubsequence("product_found", "vendor_completed", "product_found", "vendor_completed", "completed");
            for (int i = 0; i < received.size(); i++) {
                assertThat(received.get(i).id()).as("id of frame " + i).isEqualTo(i + 1L);
            }
            assertThat(received).as("the same names, ids and data as the event stream").isEqualTo(loggedEvents(id));
            JsonNode completed = received.getLast().data();
            assertThat(completed.get("total_results").asInt()).isEqualTo(3);
            assertThat(completed.get("cheapest").get("vendor_id").asText()).isEqualTo("lenta");
        }
        awaitNoReaders(webSocket);
    }

    @Test
    void aLateClientGetsTheWholeLogThenANormalClose() throws Exception {
        UUID id = startSearch("televisor tarde");
        awaitFinished(id);
        try (WebSocketConnection ws = WebSocketConnection.open(follow(id))) {
            List<Frame> replay = ws.untilClosed();
            assertThat(replay).isEqualTo(loggedEvents(id));
            assertThat(replay.getLast().event()).isEqualTo("completed");
            assertThat(ws.closed().code()).isEqualTo(1000);
        }
    }

    @Test
    void lastEventIdResumesAfterThatEventExactlyOnceWhileTheSearchRuns() throws Exception {
        String query = "televisor reconectado";
        lenta.hold(query);
        UUID id = startSearch(query);
        List<Frame> first = new ArrayList<>();
        try (WebSocketConnection ws = WebSocketConnection.open(follow(id))) {
            while (first.size() < 3) {
                first.add(ws.nextSkippingHeartbeats());
            }
        }
        assertThat(first.getLast().id()).isEqualTo(3);
        try (WebSocketConnection resumed = WebSocketConnection.open(URI.create(follow(id) + "?last_event_id=3"))) {
            List<Frame> rest = new ArrayList<>(List.of(resumed.nextSkippingHeartbeats()));
            lenta.release(query);
            rest.addAll(resumed.untilClosed());
            assertThat(rest.getFirst().id()).isEqualTo(4);
            List<Frame> all = new ArrayList<>(first);
            all.addAll(rest);
            assertThat(all).as("every event once, in order").isEqualTo(loggedEvents(id));
            assertThat(resumed.closed().code()).isEqualTo(1000);
        }
    }

    @Test
    void resumingAfterTheLastEventOfAFinishedSearchGetsOnlyTheClose() throws Exception {
        UUID id = startSearch("televisor terminado");
        awaitFinished(id);
        int last = loggedEvents(id).size();
        try (WebSocketConnection ws = WebSocketConnection.open(URI.create(follow(id) + "?last_event_id=" + last))) {
            assertThat(ws.untilClosed()).isEmpty();
            assertThat(ws.closed().code()).isEqualTo(1000);
        }
    }

    @Test
    void theFirstFrameStartsASearchWhichIsThenStreamed() throws Exception {
        try (WebSocketConnection ws = WebSocketConnection.open(uri("/ws/search"))) {
            ws.send("{\"query\": \"  televisor por socket \", \"max_results\": 5, \"use_cache\": false}");
            Frame started = ws.next();
            assertThat(started.event()).isEqualTo("search_started");
            assertThat(started.id()).isNull();
            String id = started.data().get("search_id").asText();
            String base = "http://localhost:" + server.port();
            assertThat(started.data().get("sse_url").asText()).isEqualTo(base + "/search/" + id + "/events");
            assertThat(started.data().get("results_url").asText()).isEqualTo(base + "/search/" + id + "/results");

            List<Frame> events = ws.untilClosed();
            assertThat(events).isEqualTo(loggedEvents(UUID.fromString(id)));
            assertThat(events.getFirst().data().get("query").asText()).isEqualTo("televisor por socket");
            assertThat(events.getFirst().data().get("max_results").asInt()).isEqualTo(5);
            assertThat(ws.closed().code()).isEqualTo(1000);
        }
    }

    @ParameterizedTest(name = "{1} is refused naming {0}, close {2}")
    @CsvSource(delimiter = '|', value = {
            "body|this is not JSON|1003",
            "body|{\"query\": |1003",
            "body|[1, 2]|1008",
            "query|{\"query\": \"   \"}|1008",
            "query|{\"max_results\": 5}|1008",
            "query|{\"query\": 42}|1008",
            "max_results|{\"query\": \"tv\", \"max_results\": 0}|1008",
            "max_results|{\"query\": \"tv\", \"max_results\": 51}|1008",
            "max_results|{\"query\": \"tv\", \"max_results\": \"cinco\"}|1008",
            "use_cache|{\"query\": \"tv\", \"use_cache\": \"perhaps\"}|1008",
            "body|{\"query\": \"tv\"} garbage|1003",
            "body|{\"query\": \"tv\"}{\"query\": \"radio\"}|1003",
            "query|{\"query\": \"tv\", \"query\": \"radio\"}|1003",
            "max_results|{\"query\": \"tv\", \"max_results\": \"5\"}|1008",
            "max_results|{\"query\": \"tv\", \"max_results\": 5.0}|1008",
            "use_cache|{\"query\": \"tv\", \"use_cache\": \"true\"}|1008",
            "vendor|{\"query\": \"tv\", \"vendor\": \"cemaco\"}|1008",
            "query|{\"query\": \"tv \\ud800\"}|1008",
    })
    void aBadFirstFrameGetsAnErrorFrameNamingTheFieldThenAClose(String field, String frame, int code) throws Exception {
        refusedWith(frame, field, code);
    }

    @Test
    void aQueryLongerThan200CharactersIsRefused() throws Exception {
        refusedWith("{\"query\": \"" + "a".repeat(201) + "\"}", "query", 1008);
    }

    @Test
    void anUnknownOrMalformedSearchIdClosesWithPolicyViolationAndAReason() throws Exception {
        UUID unknown = UUID.randomUUID();
        try (WebSocketConnection ws = WebSocketConnection.open(follow(unknown))) {
            assertThat(ws.untilClosed()).isEmpty();
            assertThat(ws.closed().code()).isEqualTo(1008);
            assertThat(ws.closed().reason()).contains(unknown.toString());
        }
        try (WebSocketConnection ws = WebSocketConnection.open(uri("/ws/search/not-a-search"))) {
            assertThat(ws.untilClosed()).isEmpty();
            assertThat(ws.closed().code()).isEqualTo(1008);
            assertThat(ws.closed().reason()).contains("not-a-search");
        }
        UUID id = startSearch("televisor con id malo");
        try (WebSocketConnection ws = WebSocketConnection.open(URI.create(follow(id) + "?last_event_id=-1"))) {
            assertThat(ws.untilClosed()).isEmpty();
            assertThat(ws.closed().code()).isEqualTo(1008);
            assertThat(ws.closed().reason()).contains("last_event_id");
        }
    }

    @Test
    void aClientThatVanishesMidSearchHasItsSubscriptionClosed() throws Exception {
        String query = "televisor abandonado";
        lenta.hold(query);
        UUID id = startSearch(query);
        try (WebSocketConnection ws = WebSocketConnection.open(follow(id))) {
            assertThat(ws.next().event()).isEqualTo("started");
            // no close frame: the server learns of it when a heartbeat cannot be sent
            ws.abort();
        }
        awaitSubscriptionClosed(id);
        awaitNoReaders(webSocket);
        lenta.release(query);
    }

    @Test
    void aClientThatClosesMidSearchHasItsSubscriptionClosedAtOnce() throws Exception {
        // no heartbeat for a minute: only the client's close can end the reader within the test's wait
        HttpSettings quiet = SETTINGS.withHeartbeatInterval(Duration.ofMinutes(1));
        SearchWebSocket quietSocket = SearchWebSocket.create(useCases, quiet);
        WebServer other = start(useCases, quietSocket, quiet);
        String query = "televisor cerrado";
        rapida.hold(query);
        lenta.hold(query);
        try {
            UUID id = startSearch(query);
            try (WebSocketConnection ws = WebSocketConnection.open(URI.create("ws://localhost:" + other.port() + "/ws/search/" + id))) {
                // both stores held: after these three the search is silent, so no send can fail and end the reader
                assertThat(List.of(ws.next().event(), ws.next().event(), ws.next().event()))
                        .containsExactly("started", "vendor_started", "vendor_started");
                assertThat(quietSocket.activeReaders()).isEqualTo(1);
            }
            awaitSubscriptionClosed(id);
            awaitNoReaders(quietSocket);
        } finally {
            rapida.release(query);
            lenta.release(query);
            other.stop();
        }
    }

    @Test
    void searchesBeyondTheClientsRateAreRefusedWithTryAgainLater() throws Exception {
        HttpSettings onePerMinute = SETTINGS.withSearchesPerMinute(1);
        SearchWebSocket limited = SearchWebSocket.create(TestUseCases.of(core), onePerMinute);
        WebServer other = start(TestUseCases.of(core), limited, onePerMinute);
        try {
            URI start = URI.create("ws://localhost:" + other.port() + "/ws/search");
            try (WebSocketConnection ws = WebSocketConnection.open(start)) {
                ws.send("{\"query\": \"televisor limitado\"}");
                assertThat(ws.next().event()).isEqualTo("search_started");
                ws.untilClosed();
                assertThat(ws.closed().code()).isEqualTo(1000);
            }
            try (WebSocketConnection ws = WebSocketConnection.open(start)) {
                ws.send("{\"query\": \"televisor limitado otra vez\"}");
                Frame error = ws.next();
                assertThat(error.event()).isEqualTo("error");
                assertThat(error.data().get("detail").asText()).contains("too many searches");
                assertThat(ws.untilClosed()).isEmpty();
                assertThat(ws.closed().code()).isEqualTo(1013);
            }
        } finally {
            other.stop();
        }
    }

    @Test
    void aClosedServiceAnswersTryAgainLater() throws Exception {
        DondeLoCompro closing = DondeLoCompro.builder().store(GateStore.offering("unica", "Tienda Única")).build();
        closing.close(Duration.ofSeconds(5));
        WebServer other = start(TestUseCases.of(closing), SearchWebSocket.create(TestUseCases.of(closing), SETTINGS), SETTINGS);
        try (WebSocketConnection ws = WebSocketConnection.open(URI.create("ws://localhost:" + other.port() + "/ws/search"))) {
            ws.send("{\"query\": \"televisor\"}");
            Frame error = ws.next();
            assertThat(error.event()).isEqualTo("error");
            assertThat(error.data().get("detail").asText()).contains("shutting down");
            assertThat(ws.untilClosed()).isEmpty();
            assertThat(ws.closed().code()).isEqualTo(1013);
        } finally {
            other.stop();
        }
    }

    // ---- helpers

    private static void refusedWith(String frame, String field, int code) throws Exception {
        try (WebSocketConnection ws = WebSocketConnection.open(uri("/ws/search"))) {
            ws.send(frame);
            Frame error = ws.next();
            assertThat(error.event()).isEqualTo("error");
            assertThat(error.id()).isNull();
            assertThat(error.data().get("field").asText()).isEqualTo(field);
            assertThat(error.data().get("detail").asText()).isNotBlank();
            assertThat(ws.untilClosed()).as("nothing after the error").isEmpty();
            assertThat(ws.closed().code()).isEqualTo(code);
            assertThat(ws.closed().reason()).startsWith(field);
        }
    }

    private static URI uri(String path) {
        return URI.create("ws://localhost:" + server.port() + path);
    }

    private static URI follow(UUID id) {
        return uri("/ws/search/" + id);
    }

    private static UUID startSearch(String query) {
        return core.startSearch().startSearch(StartSearchCommand.of(query, null, false)).searchId();
    }

    private static boolean isCompletionOf(Frame frame, String vendorId) {
        return frame.event().equals("vendor_completed") && frame.data().get("vendor_id").asText().equals(vendorId);
    }

    /** The search's log as the socket must send it: same ids, names and payloads as the event stream. */
    private static List<Frame> loggedEvents(UUID id) throws Exception {
        List<Frame> frames = new ArrayList<>();
        for (RecordedEvent e : core.getSearch().getSearch(id).orElseThrow().events()) {
            frames.add(new Frame(e.event().name(), e.sequence(),
                    WebSocketConnection.JSON.readTree(Json.text(EventJson.data(e.event())))));
        }
        return frames;
    }

    private static void awaitFinished(UUID id) throws InterruptedException {
        AbstractDondeLoComproHttpTest.awaitFinished(core, id);
    }

    /**
     * Waits 3 s at most, well before the core's 10 s store timeout, whose events would otherwise end a reader that
     * missed the client leaving (its next send fails).
     */
    private static void awaitSubscriptionClosed(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        UUID closed;
        do {
            closed = closedSubscriptions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(closed).as("the subscription of " + id + " closed within 3 s").isNotNull();
        } while (!closed.equals(id));
    }

    /** Every session's reader thread has ended (the tests run one at a time). */
    private static void awaitNoReaders(SearchWebSocket webSocket) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (webSocket.activeReaders() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(webSocket.activeReaders()).as("reader threads left").isZero();
    }
}
