package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the end-to-end tests do over HTTP as a client would: start a search, read its event stream, GET JSON. */
final class ServiceClient {

    /** One server-sent event as read off the wire. */
    record Sse(String id, String event, JsonNode data) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    ServiceClient(String base) {
        this.base = base;
    }

    HttpClient http() {
        return http;
    }

    /** {@code POST /search} with {@code body} (and {@code ?use_cache=false} unless {@code useCache}): its ticket. */
    JsonNode startSearch(String body, boolean useCache) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/search" + (useCache ? "" : "?use_cache=false")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return json.readTree(started.body());
    }

    /** Every event of the stream at {@code sseUrl}, read until the server ends it (after completed or error). */
    List<Sse> readStream(String sseUrl) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(sseUrl))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Sse> events = new ArrayList<>();
        Map<String, String> fields = new HashMap<>();
        try (var lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (fields.containsKey("event")) {
                        events.add(new Sse(fields.get("id"), fields.get("event"), json.readTree(fields.getOrDefault("data", "{}"))));
                    }
                    fields.clear();
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.merge(line.substring(0, colon), line.substring(colon + 1).stripLeading(), (a, b) -> a + "\n" + b);
                }
            }
        }
        return events;
    }

    /** {@code GET path}, which must answer 200 with JSON. */
    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }
}
