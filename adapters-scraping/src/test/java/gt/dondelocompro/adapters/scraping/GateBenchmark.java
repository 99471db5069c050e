package gt.dondelocompro.adapters.scraping;

import com.sun.net.httpserver.HttpServer;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.service.SearchSettings;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.VendorOutcome;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the store gates do with more searches than polite stores can answer, through the core and the real adapters:
 * five loopback VTEX stores on five loopback hosts (latencies 50 to 800 ms) at the catalog's default politeness
 * (2 at a time, 500 ms apart), {@code -Dsearches=50} searches at once with the 15 s deadline. Prints the store
 * requests the stores received, how each store's part of each search ended, and completion times.
 * {@code ./mvnw -B -pl adapters-scraping -am verify -Pbench -DskipTests [-Dsearches=50]}
 */
public final class GateBenchmark {

    private static final String ONE_PRODUCT = """
            [{"productName": "Licuadora Oster", "brand": "Oster", "link": "https://example.gt/licuadora/p",
              "items": [{"itemId": "77", "sellers": [{"commertialOffer": {"Price": 399.0, "IsAvailable": true}}]}]}]
            """;

    public static void main(String[] args) throws Exception {
        int searches = Integer.getInteger("searches", 50);
        int[] latencies = {50, 100, 200, 400, 800};
        List<HttpServer> servers = new ArrayList<>();
        AtomicInteger received = new AtomicInteger();
        long t0 = System.nanoTime();
        int[] perStore = new int[latencies.length];
        long[] lastAt = new long[latencies.length];
        List<StoreConfig> configs = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            int latency = latencies[i];
            int index = i;
            // a host of its own each, so that each store has its own gate, as real stores do
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0." + (i + 1)), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                boolean search = exchange.getRequestURI().getPath().startsWith("/api/");
                if (search) {
                    received.incrementAndGet();
                    synchronized (perStore) {
                        perStore[index]++;
                        lastAt[index] = (System.nanoTime() - t0) / 1_000_000;
                    }
                    try {
                        Thread.sleep(latency);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = (search ? ONE_PRODUCT : "none").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(search ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            servers.add(server);
            String id = "tienda-" + latency;
            configs.add(new StoreConfig(id, id, URI.create("http://127.0.0." + (i + 1) + ":" + server.getAddress().getPort()),
                    Platform.VTEX, true, null, null, 10, Duration.ofMillis(500), 2, Duration.ofSeconds(8),
                    null, null, null, null, null, null));
        }
        Duration deadline = Duration.ofSeconds(15);
        try (PoliteHttpClient http = PoliteHttpClient.withDefaults();
             DondeLoCompro core = DondeLoCompro.builder().stores(Stores.create(configs, http))
                     .settings(SearchSettings.defaults().withStoreTimeout(deadline).withSearchDeadline(deadline)).build()) {
            long start = System.nanoTime();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < searches; i++) {
                SearchTicket ticket = core.startSearch().startSearch(StartSearchCommand.of("licuadora " + i, 10, false));
                ids.add(ticket.searchId());
            }
            List<SearchSnapshot> done = new ArrayList<>();
            for (UUID id : ids) {
                SearchSnapshot s;
                while (!(s = core.getSearch().getSearch(id).orElseThrow()).isFinished()) {
                    Thread.sleep(20);
                }
                done.add(s);
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Map<FailureKind, Integer> failures = new EnumMap<>(FailureKind.class);
            int answered = 0;
            int withoutOffers = 0;
            List<Long> completion = new ArrayList<>();
            for (SearchSnapshot s : done) {
                completion.add(s.duration().orElseThrow().toMillis());
                boolean any = false;
                for (VendorOutcome o : s.outcomes()) {
                    if (o.kind() == null) {
                        answered++;
                        any = true;
                    } else {
                        failures.merge(o.kind(), 1, Integer::sum);
                    }
                }
                withoutOffers += any ? 0 : 1;
            }
            completion.sort(null);
            System.out.printf("%d searches x %d stores (latencies 50-800 ms, 2 at a time, 500 ms apart, deadline %d s), all at once%n",
                    searches, latencies.length, deadline.toSeconds());
            System.out.printf("store requests received: %d (%.2f per search); store answers used: %d%n",
                    received.get(), (double) received.get() / searches, answered);
            StringBuilder stores = new StringBuilder();
            for (int i = 0; i < latencies.length; i++) {
                stores.append(String.format(" %d ms: %d (last sent at %d ms);", latencies[i], perStore[i], lastAt[i]));
            }
            System.out.println("requests per store:" + stores);
            System.out.printf("store parts of searches: answered %d, %s%n", answered, failures);
            System.out.printf("searches without any offer: %d; completion p50 %d ms, p95 %d ms, max %d ms; all done in %d ms%n",
                    withoutOffers, completion.get(completion.size() / 2), completion.get((int) Math.ceil(completion.size() * 0.95) - 1),
                    completion.getLast(), wall.toMillis());
        } finally {
            servers.forEach(s -> s.stop(0));
        }
    }
}
