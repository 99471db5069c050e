package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.http.RawHttp.Answer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's limits on connections, over bare sockets with short limits: a client that stops halfway through its
 * headers or its body is cut off after the read timeout, a kept-alive connection after the idle timeout, the
 * connection over the cap gets a clear 503; and an event stream or a WebSocket that carries only heartbeats for
 * longer than both timeouts is not cut.
 */
class ConnectionLimitsServerTest {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

    private static HttpSettings settings(int maxConnections) {
        return HttpSettings.defaults("limits").withSearchesPerMinute(10_000)
                .withHeartbeatInterval(Duration.ofMillis(400))
                .withConnections(new HttpSettings.Connections(READ_TIMEOUT, IDLE_TIMEOUT, maxConnections));
    }

    @Test
    void aConnectionThatSendsHalfItsHeadersIsClosedAfterTheReadTimeout() throws Exception {
        try (TestServer server = TestServer.start(settings(10)); RawHttp http = RawHttp.connect(server.port())) {
            Answer answer = http.send("GET /health HTTP/1.1\r\nHost: localh").read(Duration.ofSeconds(6));

            assertThat(answer.closed()).as("closed by the server: " + answer.text()).isTrue();
            assertThat(answer.after()).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnsweredAndClosedAfterTheReadTimeout() throws Exception {
        try (TestServer server = TestServer.start(settings(10)); RawHttp http = RawHttp.connect(server.port())) {
            Answer answer = http.send("POST /search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"query\":").read(Duration.ofSeconds(6));

            assertThat(answer.closed()).as(answer.text()).isTrue();
            assertThat(answer.after()).isLessThan(Duration.ofSeconds(4));
            assertThat(answer.status()).as(answer.text()).isIn(0, 400, 408);
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (TestServer server = TestServer.start(settings(10)); RawHttp http = RawHttp.connect(server.port())) {
            Answer answer = http.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").read(Duration.ofSeconds(6));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.closed()).as("closed by the server").isTrue();
            assertThat(answer.after()).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void theConnectionOverTheCapIsAnswered503AndClosedAndTheNextOneAfterwardsIsServed() throws Exception {
        try (TestServer server = TestServer.start(settings(3))) {
            List<RawHttp> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawHttp http = RawHttp.connect(server.port());
                    open.add(http);
                    // half a request: the connection is taken, the read timeout has not passed yet
                    http.send("GET /health HTTP/1.1\r\n");
                }
                Thread.sleep(100);
                Answer refused = RawHttp.exchange(server.port(),
                        "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(), Duration.ofMillis(800));

                assertThat(refused.status()).as(refused.text()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isEqualTo(String.valueOf(ConnectionGuard.RETRY_AFTER_SECONDS));
                assertThat(refused.isProblem()).isTrue();
                assertThat(refused.body()).contains("connections open");
                assertThat(refused.closed()).isTrue();
            } finally {
                for (RawHttp http : open) {
                    http.close();
                }
            }
            Thread.sleep(200);
            Answer served = RawHttp.exchange(server.port(), "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(served.status()).as(served.text()).isEqualTo(200);
        }
    }

    @Test
    void anEventStreamOfHeartbeatsOutlivesTheReadAndIdleTimeouts() throws Exception {
        try (TestServer server = TestServer.start(settings(10))) {
            server.store.hold("licuadora lenta");
            String searchId = startSearch(server, "licuadora lenta");
            try (SseConnection sse = SseConnection.open(
                    URI.create("http://localhost:" + server.port() + "/search/" + searchId + "/events"), Map.of())) {
                long start = System.nanoTime();
                int heartbeats = 0;
                while (Duration.ofNanos(System.nanoTime() - start).compareTo(READ_TIMEOUT.plus(IDLE_TIMEOUT).multipliedBy(2)) < 0) {
                    if (sse.next().event().equals("heartbeat")) {
                        heartbeats++;
                    }
                }
                server.store.release("licuadora lenta");
                List<SseConnection.Message> rest = sse.untilEnd();

                assertThat(heartbeats).isGreaterThanOrEqualTo(4);
                assertThat(rest).extracting(SseConnection.Message::event).contains("completed");
            }
        }
    }

    @Test
    void aWebSocketOfHeartbeatsOutlivesTheReadAndIdleTimeouts() throws Exception {
        try (TestServer server = TestServer.start(settings(10))) {
            server.store.hold("licuadora muy lenta");
            String searchId = startSearch(server, "licuadora muy lenta");
            try (WebSocketConnection ws = WebSocketConnection.open(
                    URI.create("ws://localhost:" + server.port() + "/ws/search/" + searchId))) {
                long start = System.nanoTime();
                int heartbeats = 0;
                while (Duration.ofNanos(System.nanoTime() - start).compareTo(READ_TIMEOUT.plus(IDLE_TIMEOUT).multipliedBy(2)) < 0) {
                    if (ws.next().isHeartbeat()) {
                        heartbeats++;
                    }
                }
                server.store.release("licuadora muy lenta");
                List<WebSocketConnection.Frame> rest = ws.untilClosed();

                assertThat(heartbeats).isGreaterThanOrEqualTo(4);
                assertThat(rest).extracting(WebSocketConnection.Frame::event).contains("completed");
                assertThat(ws.closed().code()).isEqualTo(1000);
            }
        }
    }

    private static String startSearch(TestServer server, String query) throws Exception {
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode body = WebSocketConnection.JSON.readTree(started.body());
        return body.get("search_id").asText();
    }

    /**
     * Helidon's NIO socket writes an answer in 8 KB pieces, and its default leaves Nagle's algorithm on: a 23 KB
     * answer on a kept-alive connection then waited for the client's delayed ACK (40 ms on Linux) before its last
     * pieces left. Accepted connections must send each write at once.
     */
    @Test
    void acceptedConnectionsSendEachWriteAtOnceWithoutNagle() {
        try (TestServer server = TestServer.start(settings(10))) {
            var options = server.server.prototype().connectionOptions();

            assertThat(options.tcpNoDelay()).as("TCP_NODELAY on accepted connections").isTrue();
            assertThat(options.socketKeepAlive()).as("Helidon's other defaults kept").isTrue();
            assertThat(options.socketReuseAddress()).isTrue();
        }
    }
}
