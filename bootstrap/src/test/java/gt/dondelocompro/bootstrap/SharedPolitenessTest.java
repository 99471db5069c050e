package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.redis.TestRedis;
import gt.dondelocompro.bootstrap.ServiceClient.Sse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store's politeness holds for all instances together: three instances of the whole service in one JVM, sharing a
 * Redis (a namespace of their own), all configured with one loopback store that asks for {@code max_concurrency: 2}
 * and answers slowly; many searches at once, spread over the three, and the store never sees more than 2 requests at
 * once (each instance keeping the limit alone would send it up to 6), yet does see 2, and every search completes.
 */
class SharedPolitenessTest {

    private static final long ANSWER_MILLIS = 400;
    private static final int SEARCHES_PER_INSTANCE = 5;

    private LoopbackVtexStore store;
    private final List<DondeLoComproApp> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        apps.forEach(DondeLoComproApp::close);
        if (store != null) {
            store.close();
        }
    }

    @Test
    void threeInstancesTogetherNeverSendTheStoreMoreThanItsMaxConcurrency(@TempDir Path dir) throws Exception {
        store = LoopbackVtexStore.start(Duration.ofMillis(ANSWER_MILLIS));
        Path stores = dir.resolve("stores.json");
        Files.writeString(stores, """
                [{"id": "lenta", "name": "Tienda Lenta", "base_url": "http://127.0.0.1:%d", "platform": "vtex",
                  "active": true, "min_delay_ms": 0, "max_concurrency": 2, "timeout_ms": 5000}]
                """.formatted(store.port()));
        // a deadline far beyond what the store needs for all of them (15 × 400 ms / 2), so none is told busy
        Map<String, String> env = Map.of("PORT", "0", "DLC_VENDORS_FILE", stores.toString(), "SEARCH_TIMEOUT_MS", "15000",
                "RATE_LIMIT_PER_MINUTE", "1000", "REDIS_URL", TestRedis.url(), "REDIS_KEY_PREFIX", TestRedis.namespace());
        List<ServiceClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DondeLoComproApp app = Main.start(env);
            apps.add(app);
            clients.add(new ServiceClient("http://127.0.0.1:" + app.port()));
        }

        int searches = SEARCHES_PER_INSTANCE * clients.size();
        List<List<Sse>> streams = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Sse>>> running = new ArrayList<>();
            for (int i = 0; i < searches; i++) {
                ServiceClient client = clients.get(i % clients.size()); // round-robin, as a balancer would
                String query = "licuadora " + i; // distinct: none joins another
                running.add(pool.submit(() -> {
                    JsonNode ticket = client.startSearch("{\"query\": \"" + query + "\"}", false);
                    return client.readStream(ticket.get("sse_url").asText());
                }));
            }
            for (Future<List<Sse>> f : running) {
                streams.add(f.get(60, TimeUnit.SECONDS));
            }
        }
        System.out.printf("[shared-politeness] %d searches over 3 instances in %d ms, at most %d requests at once at the store%n",
                searches, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), store.mostAtOnce());

        String seen = streams.stream().map(s -> s.stream().map(e -> e.event() + (e.event().startsWith("vendor_")
                        ? " " + e.data() : "")).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertThat(store.mostAtOnce()).as("requests at once at the store, for all instances together").isLessThanOrEqualTo(2);
        assertThat(store.mostAtOnce()).as("and the limit was reached, so the test could tell").isEqualTo(2);
        assertThat(streams).as(seen).hasSize(searches).allSatisfy(events -> {
            assertThat(events).isNotEmpty();
            assertThat(events.getLast().event()).isEqualTo("completed");
            assertThat(events).filteredOn(e -> e.event().equals("vendor_completed")).singleElement()
                    .satisfies(e -> assertThat(e.data().get("vendor_id").asText()).isEqualTo("lenta"));
        });
        assertThat(store.searchesReceived()).as("each search asked the store once").isEqualTo(searches);
    }
}
