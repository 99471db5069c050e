package gt.dondelocompro.adapters.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test's server-sent events client on a real socket: reads the raw {@code text/event-stream} on a virtual
 * thread and hands out each event as it is parsed, then {@link #END} when the server closes the stream.
 */
final class SseConnection implements AutoCloseable {

    /** One event as received; {@code id} is null when the event had no {@code id:} line. */
    record Message(String event, String id, String data) {
        boolean isHeartbeat() {
            return "heartbeat".equals(event);
        }

        long sequence() {
            assertThat(id).as("id of " + this).isNotNull();
            return Long.parseLong(id);
        }
    }

    static final Message END = new Message("(end of stream)", null, null);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

    private SseConnection(HttpResponse<InputStream> response) {
        this.response = response;
        Thread.ofVirtual().start(this::read);
    }

    static SseConnection open(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new SseConnection(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Parser parser = new Parser(messages::add);
            String line;
            while ((line = in.readLine()) != null) {
                parser.line(line);
            }
        } catch (IOException e) {
            // closed by the test
        } finally {
            messages.add(END);
        }
    }

    /** Every event of a whole {@code text/event-stream} body. */
    static List<Message> parse(String body) {
        List<Message> parsed = new ArrayList<>();
        Parser parser = new Parser(parsed::add);
        body.lines().forEach(parser::line);
        parser.line("");
        return parsed;
    }

    /** The stream's lines as the SSE specification reads them: {@code field:value}, one optional space after the colon. */
    private static final class Parser {
        private final java.util.function.Consumer<Message> sink;
        private String event;
        private String id;
        private StringBuilder data;

        Parser(java.util.function.Consumer<Message> sink) {
            this.sink = sink;
        }

        void line(String line) {
            if (line.isEmpty()) {
                if (event != null || data != null) {
                    sink.accept(new Message(event, id, data == null ? null : data.toString()));
                }
                event = null;
                id = null;
                data = null;
                return;
            }
            if (line.startsWith(":")) {
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> sink.accept(new Message("(unexpected line) " + line, null, null));
            }
        }
    }

    /** The next event, heartbeats included; fails when none comes within 10 s. */
    Message next() throws InterruptedException {
        Message message = messages.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("an event within 10 s").isNotNull();
        return message;
    }

    Message nextSkippingHeartbeats() throws InterruptedException {
        Message message;
        do {
            message = next();
        } while (message.isHeartbeat());
        return message;
    }

    /** Every event up to the end of the stream, heartbeats left out; fails if the stream does not end. */
    List<Message> untilEnd() throws InterruptedException {
        List<Message> all = new ArrayList<>();
        for (Message m = nextSkippingHeartbeats(); m != END; m = nextSkippingHeartbeats()) {
            all.add(m);
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
