package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.Vendor;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Latency of JSON answers on a kept-alive connection (issue 13, "the 44 ms stall"): two servers on one core, one
 * with Helidon's default socket options (Nagle's algorithm on) and one as {@link DondeLoComproHttp#configure} sets
 * it, asked in turn for {@code GET /analytics/vendor-performance} (~5 KB) and {@code GET /search/{id}/results} of
 * about 23 KB and 277 KB, many times over one socket each. Prints median, p90 and slowest per server and request.
 * <pre>./mvnw -B -pl adapters-http -am verify -Pbench -DskipTests [-Dbench.requests=100]</pre>
 */
public final class KeepAliveBenchmark {

    static final int STORES = 33;
    static final ObjectMapper JSON = new ObjectMapper();

    private KeepAliveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 100);
        System.out.printf("%d requests per row on one kept-alive connection per server (the first 10 not counted), the two"
                + " servers asked in turn; %d cores%n", requests, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-40s %-30s %9s %9s %9s %9s%n", "socket options", "request", "bytes", "median", "p90", "slowest");
        List<Store> stores = IntStream.range(0, STORES).<Store>mapToObj(SizedStore::new).toList();
        HttpSettings settings = HttpSettings.defaults("bench").withSearchesPerMinute(100_000);
        try (DondeLoCompro core = DondeLoCompro.builder().stores(stores).build()) {
            HttpUseCases useCases = TestUseCases.of(core);
            WebServer before = server(useCases, settings, s -> s.connectionOptions(socket -> socket.tcpNoDelay(false)));
            WebServer after = server(useCases, settings, UnaryOperator.identity());
            try {
                // one store answering 5 offers: ~23 KB; four answering 40 each: ~277 KB
                String small = search(after.port(), "licuadora 1", 5);
                String large = search(after.port(), "licuadora 4", 40);
                for (String path : List.of("/analytics/vendor-performance?days=30", "/search/" + small + "/results",
                        "/search/" + large + "/results")) {
                    measure(path, requests, new Row("Helidon's defaults (TCP_NODELAY off)", before.port(), requests),
                            new Row("DondeLoComproHttp.configure", after.port(), requests));
                }
            } finally {
                before.stop();
                after.stop();
            }
        }
    }

    private static WebServer server(HttpUseCases useCases, HttpSettings settings, UnaryOperator<WebServerConfig.Builder> socketOptions) {
        return socketOptions.apply(DondeLoComproHttp.configure(WebServer.builder(), settings))
                .port(0)
                .routing(r -> DondeLoComproHttp.routing(r, useCases, settings))
                .build()
                .start();
    }

    /** One server's figures for one request. */
    private record Row(String label, int port, long[] nanos) {
        Row(String label, int port, int requests) {
            this(label, port, new long[requests]);
        }
    }

    /** Asks each row's server for {@code path} in turn, each on its own kept-alive connection, and prints the rows. */
    private static void measure(String path, int requests, Row... rows) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        int bytes = 0;
        List<RawHttp> connections = new ArrayList<>();
        try {
            for (Row row : rows) {
                connections.add(RawHttp.connect(row.port()));
            }
            for (int i = 0; i < 10 + requests; i++) {
                for (int r = 0; r < rows.length; r++) {
                    long start = System.nanoTime();
                    RawHttp.Answer answer = connections.get(r).send(request).readAnswer(Duration.ofSeconds(5));
                    long took = System.nanoTime() - start;
                    if (answer.status() != 200 || answer.closed()) {
                        throw new IllegalStateException(path + " answered " + answer.status() + (answer.closed() ? ", closed" : ""));
                    }
                    bytes = answer.text().length() - answer.text().indexOf("\r\n\r\n") - 4;
                    if (i >= 10) {
                        rows[r].nanos()[i - 10] = took;
                    }
                }
            }
        } finally {
            for (RawHttp connection : connections) {
                connection.close();
            }
        }
        String shown = path.startsWith("/search/") ? "/search/{id}/results" : path.substring(0, path.indexOf('?'));
        for (Row row : rows) {
            long[] nanos = row.nanos().clone();
            Arrays.sort(nanos);
            System.out.printf("%-40s %-30s %9d %6.2f ms %6.2f ms %6.2f ms%n", row.label(), shown, bytes,
                    nanos[requests / 2] / 1e6, nanos[(int) (requests * 0.9)] / 1e6, nanos[requests - 1] / 1e6);
        }
    }

    /** Starts a search over HTTP and waits for it to complete; its id. */
    private static String search(int port, String query, int maxResults) throws Exception {
        String body = "{\"query\":\"" + query + "\",\"max_results\":" + maxResults + "}";
        RawHttp.Answer started = RawHttp.exchange(port, "POST /search?use_cache=false HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        String id = JSON.readTree(bodyOf(started)).path("search_id").asText();
        for (int i = 0; i < 500; i++) {
            JsonNode results = JSON.readTree(bodyOf(RawHttp.exchange(port, "GET /search/" + id
                    + "/results HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")));
            if (results.path("status").asText().equals("completed")) {
                return id;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("search " + id + " did not complete");
    }

    private static String bodyOf(RawHttp.Answer answer) {
        return answer.text().substring(answer.text().indexOf("\r\n\r\n") + 4);
    }

    /**
     * Store {@code index} of {@link #STORES}: answers a query that ends in a number n with {@code maxResults} offers
     * when its index is below n, with none otherwise.
     */
    private record SizedStore(int index) implements Store {

        @Override
        public Vendor vendor() {
            return Vendor.of("tienda-" + index, "Tienda número " + index);
        }

        @Override
        public StoreResult search(SearchQuery query, int maxResults) {
            String[] words = query.normalized().split(" ");
            int answering = Integer.parseInt(words[words.length - 1]);
            List<Offer> offers = new ArrayList<>();
            for (int i = 0; index < answering && i < maxResults; i++) {
                String sku = "SKU-" + index + "-" + i;
                offers.add(Offer.of(vendor(), sku, "Licuadora Oster modelo " + i + " de 10 velocidades", "Oster",
                        "https://tienda-" + index + ".example/p/" + sku, "https://tienda-" + index + ".example/img/" + sku + ".jpg",
                        Money.gtq(String.valueOf(300 + i)), null, Availability.IN_STOCK));
            }
            return StoreResult.Offers.of(offers);
        }
    }
}
