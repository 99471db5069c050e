package gt.dondelocompro.bootstrap.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * VTEX-shaped stores on loopback that answer every search after a fixed latency with a fixed number of offers, each
 * on a loopback address of its own (127.0.0.11, .12, ...) because the service's politeness gates are per host. The
 * same products (brand + model code) are at every store at different prices, so the service groups them as it does
 * real ones. Each store counts the searches it was sent (robots.txt apart) and how many it is answering now.
 */
final class LoopbackStores implements AutoCloseable {

    private static final String[] BRANDS = {"Oster", "Samsung", "Mabe", "Whirlpool", "Hamilton Beach", "LG", "Black+Decker",
            "Panasonic", "Sony", "Philips"};

    /** One store: its latency and what it has been asked. */
    static final class Store {
        final String id;
        final Duration latency;
        final AtomicLong searches = new AtomicLong();
        final AtomicInteger answering = new AtomicInteger();
        HttpServer server;

        Store(String id, Duration latency) {
            this.id = id;
            this.latency = latency;
        }

        String baseUrl() {
            return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
        }
    }

    final List<Store> stores = new ArrayList<>();
    private final int offers;
    private final ObjectMapper json = new ObjectMapper();

    private LoopbackStores(int offers) {
        this.offers = offers;
    }

    /** One store per latency, each answering {@code offers} offers (at most what the search asks for). */
    static LoopbackStores start(List<Duration> latencies, int offers) throws IOException {
        LoopbackStores all = new LoopbackStores(offers);
        for (int i = 0; i < latencies.size(); i++) {
            Store store = new Store("load-" + (i + 1), latencies.get(i));
            store.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0." + (11 + i)), 0), 1024);
            store.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            store.server.createContext("/", exchange -> all.handle(store, exchange));
            store.server.start();
            all.stores.add(store);
        }
        return all;
    }

    /** The stores file (DESIGN.md format) for the service: every store with these politeness limits. */
    Path writeStoresFile(Path dir, int maxConcurrency, int minDelayMs) throws IOException {
        ArrayNode file = json.createArrayNode();
        for (Store s : stores) {
            file.addObject().put("id", s.id).put("name", "Tienda " + s.id + " (" + s.latency.toMillis() + " ms)")
                    .put("base_url", s.baseUrl()).put("platform", "vtex").put("active", true)
                    .put("max_concurrency", maxConcurrency).put("min_delay_ms", minDelayMs);
        }
        Path path = dir.resolve("load-stores.json");
        Files.writeString(path, file.toPrettyString());
        return path;
    }

    long searches() {
        return stores.stream().mapToLong(s -> s.searches.get()).sum();
    }

    int answering() {
        return stores.stream().mapToInt(s -> s.answering.get()).sum();
    }

    Duration fastest() {
        return stores.stream().map(s -> s.latency).min(Duration::compareTo).orElseThrow();
    }

    Duration slowest() {
        return stores.stream().map(s -> s.latency).max(Duration::compareTo).orElseThrow();
    }

    private void handle(Store store, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/robots.txt")) {
                send(exchange, "text/plain", "User-agent: *\nAllow: /\n");
                return;
            }
            store.searches.incrementAndGet();
            store.answering.incrementAndGet();
            try {
                Thread.sleep(store.latency);
                String query = param(exchange.getRequestURI().getRawQuery(), "ft", "producto");
                int from = Integer.parseInt(param(exchange.getRequestURI().getRawQuery(), "_from", "0"));
                int to = Integer.parseInt(param(exchange.getRequestURI().getRawQuery(), "_to", "9"));
                send(exchange, "application/json", vtex(store, query, Math.min(offers, to - from + 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                store.answering.decrementAndGet();
            }
        }
    }

    /** {@code n} products named after the query: one brand and model code per position, the price per store. */
    private String vtex(Store store, String query, int n) {
        ArrayNode products = json.createArrayNode();
        int storeIndex = stores.indexOf(store);
        for (int k = 0; k < n; k++) {
            String brand = BRANDS[k % BRANDS.length];
            String model = "LB" + (100 + k) + "X";
            ObjectNode product = products.addObject();
            product.put("productId", String.valueOf(1000 + k));
            product.put("productName", query + " " + brand + " " + model + " de " + (k + 2) + " velocidades");
            product.put("brand", brand);
            product.put("link", store.baseUrl() + "/p/" + k);
            product.put("productReference", model);
            product.putArray("categories").add("/Electrodomésticos/Cocina/").add("/Electrodomésticos/");
            ObjectNode item = product.putArray("items").addObject();
            item.put("itemId", "SKU-" + k);
            item.put("ean", "");
            item.putArray("images").addObject().put("imageUrl", store.baseUrl() + "/img/" + k + ".jpg");
            ObjectNode offer = item.putArray("sellers").addObject().putObject("commertialOffer");
            BigDecimal price = new BigDecimal(199 + 50 * k + 7 * storeIndex).add(new BigDecimal("0.99"));
            offer.put("Price", price);
            offer.put("ListPrice", price.add(new BigDecimal("50.00")));
            offer.put("IsAvailable", true);
            offer.put("AvailableQuantity", 10);
        }
        return products.toString();
    }

    private static String param(String rawQuery, String name, String otherwise) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return otherwise;
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        for (Store s : stores) {
            s.server.stop(0);
        }
    }
}
