package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.bootstrap.ServiceClient.Sse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More searches at once than a polite store can answer before the deadline, through the whole service: the ones the
 * store cannot serve in time are told {@code busy} at once on their stream and in their results, and are never sent.
 */
class BusyStoreTest {


    private LoopbackVtexStore store;
    private DondeLoComproApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private record Outcome(JsonNode ticket, List<Sse> events, Duration storeAnsweredAfter) {
        JsonNode storeEvent() {
            return events.stream().filter(e -> e.event().equals("vendor_completed") || e.event().equals("vendor_error"))
                    .findFirst().orElseThrow().data();
        }
    }

    @Test
    void searchesTheStoreCannotServeBeforeTheDeadlineAreToldBusyAtOnceAndNeverSent(@TempDir Path dir) throws Exception {
        store = LoopbackVtexStore.start(Duration.ZERO);
        // one request at a time, a second apart: within the 2.5 s deadline it can answer two searches at most
        Path stores = dir.resolve("stores.json");
        Files.writeString(stores, """
                [{"id": "lenta", "name": "Tienda Lenta", "base_url": "http://127.0.0.1:%d", "platform": "vtex",
                  "active": true, "min_delay_ms": 1000, "max_concurrency": 1, "timeout_ms": 3000}]
                """.formatted(store.port()));
        app = Main.start(Map.of("PORT", "0", "DLC_VENDORS_FILE", stores.toString(), "SEARCH_TIMEOUT_MS", "2500",
                "RATE_LIMIT_PER_MINUTE", "1000"));
        String base = "http://127.0.0.1:" + app.port();
        ServiceClient client = new ServiceClient(base);
        // one search first, so that robots.txt is read and the connection open: what follows waits only at the gate
        JsonNode warm = client.startSearch("{\"query\": \"licuadora oster\"}", false);
        assertThat(client.readStream(warm.get("sse_url").asText())).anySatisfy(e -> assertThat(e.event()).isEqualTo("vendor_completed"));

        int searches = 6;
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> running = new ArrayList<>();
            for (int i = 0; i < searches; i++) {
                String query = "licuadora " + i;
                running.add(pool.submit(() -> {
                    long posted = System.nanoTime();
                    JsonNode ticket = client.startSearch("{\"query\": \"" + query + "\"}", false);
                    List<Sse> events = new ArrayList<>();
                    Duration[] answered = new Duration[1];
                    for (Sse e : client.readStream(ticket.get("sse_url").asText())) {
                        events.add(e);
                        if (answered[0] == null && (e.event().equals("vendor_completed") || e.event().equals("vendor_error"))) {
                            answered[0] = Duration.ofNanos(System.nanoTime() - posted);
                        }
                    }
                    return new Outcome(ticket, events, answered[0]);
                }));
            }
            for (Future<Outcome> f : running) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
        }

        String seen = outcomes.stream().map(o -> o.storeAnsweredAfter() + " " + o.storeEvent())
                .collect(java.util.stream.Collectors.joining("\n"));
        List<Outcome> busy = outcomes.stream().filter(o -> "busy".equals(o.storeEvent().path("kind").asText())).toList();
        List<Outcome> answered = outcomes.stream().filter(o -> o.storeEvent().has("products_found")).toList();
        assertThat(busy).as("the store serves two searches in time at most:\n%s", seen).hasSizeGreaterThanOrEqualTo(searches - 3);
        assertThat(busy).allSatisfy(o -> {
            // the service's own count from when the store was asked; the client's includes the JVM warming up
            assertThat(o.storeEvent().get("duration").asDouble()).as("told busy before the deadline:\n%s", seen).isLessThan(2.2);
            assertThat(o.storeAnsweredAfter()).isLessThan(Duration.ofMillis(2_500));
            assertThat(o.storeEvent().get("vendor_id").asText()).isEqualTo("lenta");
            assertThat(o.storeEvent().get("error").asText()).contains("politeness gate");
            assertThat(o.events().getLast().event()).isEqualTo("completed");
        });
        // most at once; one let wait (the estimate errs on the side of asking) may be told once it reaches the head
        assertThat(busy).filteredOn(o -> o.storeEvent().get("duration").asDouble() < 1.0).as("told busy at once:\n%s", seen)
                .hasSizeGreaterThanOrEqualTo(searches - 3);
        assertThat(answered).as(seen).isNotEmpty();
        assertThat(store.searchesReceived()).as("a busy search never reaches the store:\n%s", seen)
                .isLessThanOrEqualTo(1 + searches - busy.size());

        JsonNode results = client.getJson("/search/" + busy.getFirst().ticket().get("search_id").asText() + "/results");
        assertThat(results.at("/vendors/0/kind").asText()).isEqualTo("busy");
        assertThat(results.at("/vendors/0/status").asText()).isEqualTo("failed");
        HttpResponse<String> metrics = client.http().send(HttpRequest.newBuilder(URI.create(base + "/observe/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("dondelocompro_store_queue_length{", "store=\"lenta\"")
                .containsPattern("dondelocompro_store_queue_wait_seconds_count\\{[^}]*outcome=\"busy\"");
        // busy is our capacity, not the store's trouble: its health does not count it
        JsonNode vendor = client.getJson("/vendors").get(0);
        assertThat(vendor.get("last_failure").path("kind").asText()).as(vendor.toString()).isNotEqualTo("busy");
        assertThat(vendor.get("success_rate_24h").asDouble()).as(vendor.toString())
                .isEqualTo((double) (1 + answered.size()) / (1 + searches - busy.size()));
    }
}
