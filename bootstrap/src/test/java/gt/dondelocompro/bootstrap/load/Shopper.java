package gt.dondelocompro.bootstrap.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * One shopper's search over HTTP, as a black box: {@code POST /search}, then its {@code sse_url} followed to
 * {@code completed}, timing the POST's answer, the first {@code product_found} and {@code completed} from the moment
 * the POST was sent.
 */
final class Shopper {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one search gave: times in ms from sending the POST (first offer -1 when none came, completion -1 when the
     * stream did not complete), the offers seen, and the error (null when none) as a short kind.
     */
    record Outcome(double postMs, double firstOfferMs, double completedMs, int offers, String error) {
    }

    private final HttpClient http;
    private final String base;

    Shopper(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    Outcome search(String query, int maxResults) {
        long start = System.nanoTime();
        double postMs;
        String sseUrl;
        try {
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/search"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("query", query)
                            .put("max_results", maxResults).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            postMs = ms(start);
            if (post.statusCode() != 200) {
                return new Outcome(postMs, -1, -1, 0, "POST " + post.statusCode());
            }
            sseUrl = JSON.readTree(post.body()).get("sse_url").asText();
        } catch (IOException e) {
            return new Outcome(ms(start), -1, -1, 0, "POST " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(ms(start), -1, -1, 0, "interrupted");
        }
        double firstOffer = -1;
        int offers = 0;
        try {
            HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(URI.create(sseUrl))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (events.statusCode() != 200) {
                events.body().close();
                return new Outcome(postMs, -1, -1, 0, "events " + events.statusCode());
            }
            try (Stream<String> lines = events.body()) {
                String event = null;
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && event != null) {
                        switch (event) {
                            case "product_found" -> {
                                if (offers++ == 0) {
                                    firstOffer = ms(start);
                                }
                            }
                            case "completed" -> {
                                double completed = ms(start);
                                JsonNode data = JSON.readTree(line.substring(5));
                                // a search answered from the cache has its offers in the results, not as events
                                int total = data.path("total_results").asInt(offers);
                                return new Outcome(postMs, firstOffer < 0 && total > 0 ? completed : firstOffer, completed,
                                        Math.max(offers, total), null);
                            }
                            case "error" -> {
                                return new Outcome(postMs, firstOffer, -1, offers, "error event");
                            }
                            default -> {
                            }
                        }
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
            }
            return new Outcome(postMs, firstOffer, -1, offers, "stream cut");
        } catch (IOException | RuntimeException e) {
            return new Outcome(postMs, firstOffer, -1, offers, "events " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(postMs, firstOffer, -1, offers, "interrupted");
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
