package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test's WebSocket client on a real socket, the JDK's {@link WebSocket}: hands out each text frame the server sends
 * as it arrives, parsed as JSON, and then how the server closed.
 */
final class WebSocketConnection implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** One frame as received; {@code id} is null when the frame had none. */
    record Frame(String event, Long id, JsonNode data) {
        static Frame of(JsonNode frame) {
            return new Frame(frame.get("event").asText(), frame.has("id") ? frame.get("id").asLong() : null, frame.get("data"));
        }

        boolean isHeartbeat() {
            return "heartbeat".equals(event);
        }
    }

    /** The close frame the server sent, or {@code 1006} when the connection ended without one. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private volatile Closed closed;

    private WebSocketConnection(URI uri, String... headers) throws Exception {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        this.socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    static WebSocketConnection open(URI uri) throws Exception {
        return new WebSocketConnection(uri);
    }

    /** With these request headers on the upgrade (name, value, name, value, ...). */
    static WebSocketConnection open(URI uri, String... headers) throws Exception {
        return new WebSocketConnection(uri, headers);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame; fails when the server closed instead or nothing came within 10 s. */
    Frame next() throws InterruptedException {
        Object next = received.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a frame within 10 s").isNotNull().isInstanceOf(Frame.class);
        return (Frame) next;
    }

    Frame nextSkippingHeartbeats() throws InterruptedException {
        Frame frame;
        do {
            frame = next();
        } while (frame.isHeartbeat());
        return frame;
    }

    /** Every frame but heartbeats until the server closes, which must happen within 10 s of the last frame. */
    List<Frame> untilClosed() throws InterruptedException {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Object next = received.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a frame or the close within 10 s").isNotNull();
            if (next instanceof Closed) {
                return frames;
            }
            Frame frame = (Frame) next;
            if (!frame.isHeartbeat()) {
                frames.add(frame);
            }
        }
    }

    /** How the server closed; call after {@link #untilClosed()}. */
    Closed closed() {
        assertThat(closed).as("the server closed the connection").isNotNull();
        return closed;
    }

    /** Drops the connection without a close frame, as a client that vanished. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    received.add(Frame.of(JSON.readTree(text.toString())));
                } catch (Exception e) {
                    received.add(new Frame("(not JSON: " + text + ")", null, null));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = new Closed(statusCode, reason);
            received.add(closed);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (closed == null) {
                closed = new Closed(1006, String.valueOf(error));
                received.add(closed);
            }
        }
    }
}
