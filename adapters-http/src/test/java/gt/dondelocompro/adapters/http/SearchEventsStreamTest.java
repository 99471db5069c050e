package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.RecordedEvent;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event stream of a search on a real socket: live events in order with their ids, replay for late and
 * resuming subscribers, heartbeats while nothing happens, the end of the stream after {@code completed}, and
 * the subscription freed when the client goes away. A slow store is held at a gate until the test lets it answer.
 */
@ServerTest
class SearchEventsStreamTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration HEARTBEAT = Duration.ofMillis(200);
    static final HttpSettings SETTINGS = HttpSettings.defaults("test").withHeartbeatInterval(HEARTBEAT);

    static DondeLoCompro core;
    static GateStore rapida;
    static GateStore lenta;
    /** The searches whose subscriptions the adapter closed, in order. */
    static final BlockingQueue<UUID> closedSubscriptions = new LinkedBlockingQueue<>();

    private final URI uri;

    SearchEventsStreamTest(URI uri) {
        this.uri = uri;
    }

    @SetUpFeatures
    static List<ServerFeature> features() {
        return DondeLoComproHttp.serverFeatures(SETTINGS);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        rapida = GateStore.offering("rapida", "Tienda Rápida",
                new GateStore.Offering("R-1", "Televisor Samsung 50", "3999", "4599", Availability.IN_STOCK),
                new GateStore.Offering("R-2", "Televisor Samsung 55", "4999", null, Availability.UNKNOWN));
        lenta = GateStore.offering("lenta", "Tienda Lenta",
                new GateStore.Offering("L-1", "Televisor Samsung 50 Crystal", "3899.99", null, Availability.IN_STOCK));
        core = DondeLoCompro.builder().store(rapida).store(lenta).build();
        HttpUseCases real = TestUseCases.of(core);
        SubscribeToSearchUseCase watched = (id, after) -> real.subscribeToSearch().subscribe(id, after)
                .map(s -> new WatchedSubscription(id, s, closedSubscriptions));
        DondeLoComproHttp.routing(routing, new HttpUseCases(real.startSearch(), real.getSearch(), watched,
                real.vendors(), real.health(), real.priceHistory(), real.popularSearches(), real.storePerformance(),
                real.catalogProducts()),
                SETTINGS);
    }

    @AfterAll
    static void closeCore() {
        core.close(Duration.ofSeconds(5));
    }

    @Test
    void liveEventsArriveInOrderWithTheirIdsWithHeartbeatsWhileIdleAndTheStreamEndsAfterCompleted() throws Exception {
        String query = "televisor samsung crystal";
        lenta.hold(query);
        UUID id = start(query);
        try (SseConnection stream = SseConnection.open(events(id), Map.of())) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            SseConnection.Message connected = stream.next();
            assertThat(connected.event()).isEqualTo("connected");
            assertThat(connected.id()).isNull();
            assertThat(JSON.readTree(connected.data()).get("search_id").asText()).isEqualTo(id.toString());

            List<SseConnection.Message> received = new ArrayList<>();
            while (received.isEmpty() || !isCompletionOf(received.getLast(), "rapida")) {
                received.add(stream.nextSkippingHeartbeats());
            }
            // the slow store is still held: nothing happens, so a heartbeat must come
            SseConnection.Message heartbeat = stream.next();
            assertThat(heartbeat.event()).isEqualTo("heartbeat");
            assertThat(heartbeat.id()).isNull();
            assertThat(JSON.readTree(heartbeat.data()).get("timestamp").asText()).isNotBlank();

            lenta.release(query);
            received.addAll(stream.untilEnd());

            assertThat(received.stream().map(SseConnection.Message::event).toList())
                    .startsWith("started", "vendor_started", "vendor_started")
                    .endsWith("completed")
                    .containsSubsequence("product_found", "vendor_completed", "product_found", "vendor_completed", "completed");
            for (int i = 0; i < received.size(); i++) {
                assertThat(received.get(i).sequence()).as("id of event " + i).isEqualTo(i + 1);
            }
            assertThat(received).isEqualTo(loggedEvents(id));

            JsonNode found = JSON.readTree(received.stream().filter(m -> m.event().equals("product_found")).findFirst()
                    .orElseThrow().data());
            assertThat(found.get("vendor_id").asText()).isEqualTo("rapida");
            assertThat(found.get("product").get("price").decimalValue()).isEqualByComparingTo("3999.00");
            JsonNode vendorCompleted = JSON.readTree(received.stream().filter(m -> m.event().equals("vendor_completed"))
                    .findFirst().orElseThrow().data());
            assertThat(vendorCompleted.get("products_found").asInt()).isEqualTo(2);
            assertThat(vendorCompleted.get("duration").isNumber()).isTrue();
            JsonNode completed = JSON.readTree(received.getLast().data());
            assertThat(completed.get("total_results").asInt()).isEqualTo(3);
            assertThat(completed.get("cheapest").get("vendor_id").asText()).isEqualTo("lenta");
            assertThat(completed.get("duration").isNumber()).isTrue();
        }
    }

    @Test
    void aLateSubscriberGetsEveryEventOfTheLogThenTheEnd() throws Exception {
        UUID id = start("televisor tarde");
        awaitFinished(id);
        try (SseConnection stream = SseConnection.open(events(id), Map.of())) {
            assertThat(stream.next().event()).isEqualTo("connected");
            List<SseConnection.Message> replay = stream.untilEnd();
            assertThat(replay).isEqualTo(loggedEvents(id));
            assertThat(replay.getLast().event()).isEqualTo("completed");
        }
    }

    @Test
    void lastEventIdResumesAfterThatEventExactlyOnceWhileTheSearchRuns() throws Exception {
        String query = "televisor reconectado";
        lenta.hold(query);
        UUID id = start(query);
        List<SseConnection.Message> first = new ArrayList<>();
        try (SseConnection stream = SseConnection.open(events(id), Map.of())) {
            assertThat(stream.next().event()).isEqualTo("connected");
            while (first.size() < 3) {
                first.add(stream.nextSkippingHeartbeats());
            }
        }
        long lastSeen = first.getLast().sequence();
        assertThat(lastSeen).isEqualTo(3);
        try (SseConnection resumed = SseConnection.open(events(id), Map.of("Last-Event-ID", Long.toString(lastSeen)))) {
            assertThat(resumed.next().event()).isEqualTo("connected");
            SseConnection.Message next = resumed.nextSkippingHeartbeats();
            lenta.release(query);
            List<SseConnection.Message> rest = new ArrayList<>(List.of(next));
            rest.addAll(resumed.untilEnd());
            assertThat(rest.getFirst().sequence()).isEqualTo(lastSeen + 1);
            List<SseConnection.Message> all = new ArrayList<>(first);
            all.addAll(rest);
            assertThat(all).as("every event once, in order").isEqualTo(loggedEvents(id));
        }
    }

    @Test
    void theLastEventIdQueryParameterResumesLikeTheHeader() throws Exception {
        UUID id = start("televisor parametro");
        awaitFinished(id);
        List<SseConnection.Message> log = loggedEvents(id);
        try (SseConnection stream = SseConnection.open(URI.create(events(id) + "?last_event_id=4"), Map.of())) {
            assertThat(stream.next().event()).isEqualTo("connected");
            assertThat(stream.untilEnd()).isEqualTo(log.subList(4, log.size()));
        }
        try (SseConnection stream = SseConnection.open(events(id), Map.of("Last-Event-ID", Integer.toString(log.size())))) {
            assertThat(stream.response().statusCode()).as("nothing after the last event: do not reconnect").isEqualTo(204);
            assertThat(stream.next()).isEqualTo(SseConnection.END);
        }
    }

    @Test
    void aClientThatGoesAwayHasItsSubscriptionClosed() throws Exception {
        String query = "televisor abandonado";
        lenta.hold(query);
        UUID id = start(query);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /search/" + id + "/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.matches("event: ?connected"));
            assertThat(line).isNotNull();
        }
        // the next heartbeat's write fails on the closed connection, which must free the subscription
        UUID closed;
        do {
            closed = closedSubscriptions.poll(10, TimeUnit.SECONDS);
            assertThat(closed).as("a subscription closed within 10 s").isNotNull();
        } while (!closed.equals(id));
        lenta.release(query);
    }

    @Test
    void anUnknownSearchHasNoStream() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(events(UUID.randomUUID())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    // ---- helpers

    private URI events(UUID id) {
        return uri.resolve("/search/" + id + "/events");
    }

    private UUID start(String query) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/search?use_cache=false"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonNode ticket = JSON.readTree(reply.body());
        assertThat(ticket.get("sse_url").asText()).endsWith("/search/" + ticket.get("search_id").asText() + "/events");
        return UUID.fromString(ticket.get("search_id").asText());
    }

    private static boolean isCompletionOf(SseConnection.Message message, String vendorId) throws Exception {
        return message.event().equals("vendor_completed")
                && JSON.readTree(message.data()).get("vendor_id").asText().equals(vendorId);
    }

    /** The search's log as the stream must show it: same ids, names and payloads. */
    private static List<SseConnection.Message> loggedEvents(UUID id) {
        return core.getSearch().getSearch(id).orElseThrow().events().stream()
                .map(e -> new SseConnection.Message(e.event().name(), Long.toString(e.sequence()),
                        Json.text(EventJson.data(e.event()))))
                .toList();
    }

    private static void awaitFinished(UUID id) throws InterruptedException {
        AbstractDondeLoComproHttpTest.awaitFinished(core, id);
    }
}
