package gt.dondelocompro.bootstrap.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A few clients doing what shoppers do, each in a loop: {@code POST /search} (no cache), follow its events to the
 * end, read its results, ask {@code /health}. Counts every answer by what it was; a 5xx on a search, its events or
 * its results, or a stream cut before {@code completed}, is a user-visible failure.
 */
final class Load implements AutoCloseable {

    private static final String[] QUERIES = {"licuadora", "televisor", "licuadora oster", "televisor samsung",
            "refrigeradora", "audifonos", "licuadora de mano", "televisor lg"};
    private static final ObjectMapper JSON = new ObjectMapper();

    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final Set<String> streamsOpen = ConcurrentHashMap.newKeySet();
    final Set<String> streamsCompleted = ConcurrentHashMap.newKeySet();
    final Set<String> streamsCut = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, String> failureExamples = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService clients;
    private final String base;
    private volatile boolean running = true;
    /** Set when the test takes the service down on purpose: errors after that are not the service's failures. */
    volatile boolean serviceGoingAway;

    private Load(String base, int clients) {
        this.base = base;
        this.clients = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            this.clients.submit(() -> loop(client));
        }
    }

    static Load start(String base, int clients) {
        return new Load(base, clients);
    }

    private void loop(int client) {
        int i = 0;
        while (running) {
            String query = QUERIES[(client + i++) % QUERIES.length];
            try {
                HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/search?use_cache=false"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\", \"max_results\": 5}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                count("POST /search", started);
                if (started.statusCode() != 200) {
                    pause();
                    continue;
                }
                String id = JSON.readTree(started.body()).get("search_id").asText();
                accepted.add(id);
                follow(id);
                HttpResponse<String> results = http.send(HttpRequest.newBuilder(URI.create(base + "/search/" + id + "/results"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                count("GET results", results);
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                count("GET /health", health);
            } catch (IOException e) {
                fail("connection: " + e.getClass().getSimpleName(), e.toString());
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Follows the search's events until {@code completed} or {@code error}; a stream that ends before is cut. */
    private void follow(String id) throws IOException, InterruptedException {
        streamsOpen.add(id);
        try {
            HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(URI.create(base + "/search/" + id + "/events"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofLines());
            count("GET events", events);
            boolean finished = false;
            if (events.statusCode() == 200) {
                try (Stream<String> lines = events.body()) {
                    Iterator<String> it = lines.iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        if (line.startsWith("event:") && (line.contains("completed") && !line.contains("vendor_completed")
                                || line.substring(6).trim().equals("error"))) {
                            finished = true;
                        }
                    }
                } catch (java.io.UncheckedIOException e) {
                    // cut: counted below
                }
            } else {
                events.body().close();
                finished = events.statusCode() == 204;
            }
            (finished ? streamsCompleted : streamsCut).add(id);
            if (!finished) {
                fail("stream cut before completed", id);
            }
        } catch (IOException e) {
            streamsCut.add(id);
            throw e;
        } finally {
            streamsOpen.remove(id);
        }
    }

    private void count(String what, HttpResponse<?> answer) {
        answers.computeIfAbsent(what + " " + answer.statusCode(), k -> new AtomicInteger()).incrementAndGet();
        boolean healthDegraded = what.equals("GET /health") && answer.statusCode() == 503;
        if (answer.statusCode() >= 500 && !healthDegraded) {
            fail(what + " " + answer.statusCode(), String.valueOf(answer.body()));
        }
    }

    private void fail(String kind, String example) {
        if (serviceGoingAway) {
            kind = "after stop: " + kind;
        }
        failures.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        failureExamples.putIfAbsent(kind, example.length() > 300 ? example.substring(0, 300) : example);
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Map<String, Integer> answers() {
        Map<String, Integer> sorted = new TreeMap<>();
        answers.forEach((k, v) -> sorted.put(k, v.get()));
        return sorted;
    }

    /** User-visible failures while the service was meant to be up (not those after the test took it down). */
    Map<String, Integer> failures() {
        Map<String, Integer> sorted = new TreeMap<>();
        failures.forEach((k, v) -> {
            if (!k.startsWith("after stop: ")) {
                sorted.put(k, v.get());
            }
        });
        return sorted;
    }

    Map<String, String> failureExamples() {
        return failureExamples;
    }

    /** Stops the clients: no new searches; the ones following a stream finish it (at most {@code limit}). */
    void stop(Duration limit) throws InterruptedException {
        running = false;
        clients.shutdown();
        if (!clients.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            clients.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(1));
        http.close();
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
