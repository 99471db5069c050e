package gt.dondelocompro.bootstrap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gt.dondelocompro.domain.SearchQuery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * Local stores on loopback that answer like the real platforms (VTEX, WooCommerce, Magento, Doofinder) from a
 * small bundled Spanish-language catalogue, with realistic latencies, one deliberately slow store and one that is
 * down. Each prints the identifiers its platform prints (VTEX {@code productReference} and {@code items[].ean},
 * WooCommerce {@code sku}, Magento {@code data-product-sku}, Doofinder {@code mpn} and {@code gtin}) and its
 * category path, so the identity rules group the same product across stores and keep its near-misses apart. With
 * them a newcomer without internet sees the whole flow. Everything they serve is labelled demo.
 */
public final class DemoStores implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DemoStores.class.getName());

    static final List<DemoStore> STORES = List.of(
            new DemoStore("demo-almacen", "Almacén Demo (VTEX)", "vtex", Duration.ofMillis(200), Duration.ofMillis(700), false, 1),
            new DemoStore("demo-tienda", "Tienda Demo (WooCommerce)", "woocommerce", Duration.ofMillis(300), Duration.ofMillis(900), false, 2),
            new DemoStore("demo-electro", "Electro Demo (Magento)", "magento", Duration.ofMillis(400), Duration.ofMillis(1200), false, 3),
            new DemoStore("demo-lenta", "Tienda Lenta Demo (VTEX)", "vtex", Duration.ofMillis(3500), Duration.ofMillis(4500), false, 4),
            new DemoStore("demo-caida", "Tienda Caída Demo (WooCommerce)", "woocommerce", Duration.ofMillis(100), Duration.ofMillis(200), true, 5),
            new DemoStore("demo-hogar", "Hogar Demo (Doofinder)", "doofinder", Duration.ofMillis(250), Duration.ofMillis(800), false, 6));

    /** The Doofinder search engine id of the demo store on that platform (configuration, as for a real store). */
    static final String DOOFINDER_HASHID = "d0000000000000000000000000000de0";
    /** Doofinder's v5 search path, served by the demo store itself in place of Doofinder's host. */
    static final String DOOFINDER_PATH = "/5/search";

    private final ObjectMapper json = new ObjectMapper();
    private final List<DemoProduct> catalogue;
    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<DemoStore, URI> baseUrls = new LinkedHashMap<>();
    private final Duration latencyScale;

    private DemoStores(List<DemoProduct> catalogue, Duration latencyScale) {
        this.catalogue = catalogue;
        this.latencyScale = latencyScale;
    }

    /** Starts every demo store on a free loopback port. {@code fast} drops the latencies, for tests. */
    public static DemoStores start(boolean fast) {
        DemoStores demo = new DemoStores(loadCatalogue(), fast ? Duration.ZERO : Duration.ofMillis(1));
        for (DemoStore store : STORES) {
            demo.serve(store);
        }
        return demo;
    }

    private static List<DemoProduct> loadCatalogue() {
        try (InputStream in = DemoStores.class.getResourceAsStream("catalogo.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<DemoProduct> products = new ArrayList<>();
            for (JsonNode p : root) {
                Map<String, DemoProduct.At> stores = new LinkedHashMap<>();
                p.path("stores").properties().forEach(s -> stores.put(s.getKey(), new DemoProduct.At(
                        text(s.getValue(), "name"), s.getValue().hasNonNull("price") ? new BigDecimal(s.getValue().get("price").asText()).setScale(2, RoundingMode.HALF_UP) : null,
                        s.getValue().hasNonNull("in_stock") ? s.getValue().get("in_stock").asBoolean() : null,
                        text(s.getValue(), "model"))));
                products.add(new DemoProduct(p.get("sku").asText(), p.get("name").asText(), p.get("brand").asText(),
                        p.get("price").decimalValue(), text(p, "model"), text(p, "gtin"), text(p, "category"), stores));
            }
            return List.copyOf(products);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo catalogue is missing from the jar", e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private void serve(DemoStore store) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> handle(store, exchange));
            server.start();
            servers.add(server);
            baseUrls.put(store, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start demo store " + store.id(), e);
        }
    }

    /**
     * The stores file (DESIGN.md format) that points the catalog at the running demo stores. Politeness
     * settings are those of a real store, minus the delay: the demo stores are ours.
     */
    public String storesFile() {
        ArrayNode stores = json.createArrayNode();
        baseUrls.forEach((store, url) -> {
            ObjectNode s = stores.addObject();
            s.put("id", store.id());
            s.put("name", store.name());
            s.put("base_url", url.toString());
            s.put("platform", store.platform());
            s.put("active", true);
            s.put("currency", "GTQ");
            s.put("min_delay_ms", 0);
            s.put("max_concurrency", 8);
            s.put("timeout_ms", 8000);
            if (store.platform().equals("doofinder")) {
                // Doofinder's API lives on its own host; here the demo store answers it
                s.put("search_url", url + DOOFINDER_PATH);
                s.put("hashid", DOOFINDER_HASHID);
            }
        });
        return stores.toPrettyString();
    }

    private void handle(DemoStore store, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            if (path.equals("/robots.txt")) {
                send(exchange, 200, "text/plain", "User-agent: *\nAllow: /\n");
                return;
            }
            if (path.startsWith("/p/")) {
                send(exchange, 200, "text/html; charset=utf-8", "<!doctype html><title>Producto de demostración</title>"
                        + "<p>Esta es una tienda de demostración de DondeLoCompro; no vende nada.</p>");
                return;
            }
            pause(store);
            if (store.broken()) {
                send(exchange, 503, "text/plain", "Servicio no disponible (tienda de demostración caída a propósito)");
                return;
            }
            URI base = baseUrls.get(store);
            switch (store.platform()) {
                case "vtex" -> {
                    int from = intParam(params, "_from", 0);
                    int to = intParam(params, "_to", 9);
                    send(exchange, 200, "application/json", vtex(store, base, find(store, params.get("ft")), to - from + 1));
                }
                case "woocommerce" -> send(exchange, 200, "application/json",
                        woocommerce(store, base, find(store, params.get("search")), intParam(params, "per_page", 10)));
                case "magento" -> send(exchange, 200, "text/html; charset=utf-8", magento(store, base, find(store, params.get("q"))));
                case "doofinder" -> {
                    if (!path.equals(DOOFINDER_PATH) || !DOOFINDER_HASHID.equals(params.get("hashid"))) {
                        send(exchange, 404, "application/json", "{\"error\": \"search engine not found\"}");
                        return;
                    }
                    send(exchange, 200, "application/json",
                            doofinder(store, base, params.get("query"), find(store, params.get("query")), intParam(params, "rpp", 10)));
                }
                default -> send(exchange, 404, "text/plain", "unknown platform");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "demo store " + store.id() + " failed", e);
            send(exchange, 500, "text/plain", "demo store error");
        }
    }

    private void pause(DemoStore store) {
        long min = store.minLatency().toMillis();
        long max = store.maxLatency().toMillis();
        long millis = min + new Random().nextLong(Math.max(1, max - min));
        try {
            Thread.sleep(latencyScale.multipliedBy(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The products {@code store} sells whose name, brand or model contains every word of the query (accents and
     * plurals folded).
     */
    List<DemoProduct> find(DemoStore store, String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        List<String> words = SearchQuery.of(query).tokens().stream().map(DemoStores::singular).toList();
        return catalogue.stream().filter(p -> p.soldAt(store)).filter(p -> {
            String text = SearchQuery.normalize(p.name() + " " + p.nameAt(store) + " " + p.brand() + " "
                    + (p.model() == null ? "" : p.model()));
            return words.stream().allMatch(text::contains);
        }).toList();
    }

    static DemoStore store(String id) {
        return STORES.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo store " + id));
    }

    private static String singular(String word) {
        if (word.length() > 4 && word.endsWith("es")) {
            return word.substring(0, word.length() - 2);
        }
        return word.length() > 3 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
    }

    /**
     * A store's price: the one the catalogue sets for that store, else the reference moved by up to ±12 % by a factor
     * fixed per store and product.
     */
    static BigDecimal price(DemoStore store, DemoProduct product) {
        if (product.priceAt(store) != null) {
            return product.priceAt(store);
        }
        int h = Math.floorMod((product.sku() + "/" + store.seed()).hashCode(), 25);
        BigDecimal factor = BigDecimal.valueOf(88 + h, 2);
        return product.price().multiply(factor).setScale(0, RoundingMode.HALF_UP).subtract(new BigDecimal("0.01")).max(new BigDecimal("1.00"));
    }

    /** Prices changed since start ({@link #setPrice}), by store id and catalogue sku. */
    private final Map<String, BigDecimal> changedPrices = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Changes what one demo store asks for one product from now on, as a real store changes its prices (for alert
     * tests and demos); {@code sku} is the catalogue's ({@code DLC-001} ...).
     */
    public void setPrice(String storeId, String sku, BigDecimal price) {
        if (STORES.stream().noneMatch(s -> s.id().equals(storeId)) || catalogue.stream().noneMatch(p -> p.sku().equals(sku))) {
            throw new IllegalArgumentException("no demo store " + storeId + " or product " + sku);
        }
        changedPrices.put(storeId + "/" + sku, price.setScale(2, RoundingMode.HALF_UP));
    }

    private BigDecimal priceNow(DemoStore store, DemoProduct product) {
        BigDecimal changed = changedPrices.get(store.id() + "/" + product.sku());
        return changed != null ? changed : price(store, product);
    }

    static boolean inStock(DemoStore store, DemoProduct product) {
        if (product.inStockAt(store) != null) {
            return product.inStockAt(store);
        }
        return Math.floorMod((product.sku() + "#" + store.seed()).hashCode(), 7) != 0;
    }

    /** A small SVG picture inline, so that the page shows images without fetching anything from elsewhere. */
    static String image(DemoProduct product) {
        String initial = product.name().substring(0, 1);
        String hue = Integer.toString(Math.floorMod(product.sku().hashCode(), 360));
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' width='120' height='120'><rect width='120' height='120' fill='hsl("
                + hue + ",60%,85%)'/><text x='60' y='75' font-size='48' text-anchor='middle' font-family='sans-serif'>"
                + initial + "</text></svg>";
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The code a store that prints one SKU per product shows (WooCommerce {@code sku}, Magento
     * {@code data-product-sku}): the manufacturer's model where the product has one, as stores that sell branded goods
     * do, else a code of the store's own ("TIE-014"), which names nothing across stores.
     */
    static String storeSku(DemoStore store, DemoProduct product) {
        String model = product.modelAt(store);
        return model != null ? model
                : store.id().substring("demo-".length(), "demo-".length() + 3).toUpperCase(java.util.Locale.ROOT)
                        + "-" + product.sku().substring(4);
    }

    /** VTEX's {@code categories}: every level of the path as "/A/B/", deepest first. */
    private static void vtexCategories(ObjectNode product, String category) {
        ArrayNode categories = product.putArray("categories");
        if (category == null) {
            return;
        }
        List<String> levels = List.of(category.split("\\s*>\\s*"));
        for (int depth = levels.size(); depth > 0; depth--) {
            categories.add("/" + String.join("/", levels.subList(0, depth)) + "/");
        }
    }

    private static String lastLevel(String category) {
        return category.substring(category.lastIndexOf('>') + 1).strip();
    }

    private String vtex(DemoStore store, URI base, List<DemoProduct> found, int limit) {
        ArrayNode products = json.createArrayNode();
        found.stream().limit(limit).forEach(p -> {
            ObjectNode product = products.addObject();
            product.put("productId", p.sku().substring(4));
            product.put("productName", p.nameAt(store));
            product.put("brand", p.brand());
            product.put("link", base + "/p/" + p.sku());
            if (p.modelAt(store) != null) {
                product.put("productReference", p.modelAt(store));
            }
            vtexCategories(product, p.category());
            ObjectNode item = product.putArray("items").addObject();
            item.put("itemId", p.sku());
            item.put("ean", p.gtin() == null ? "" : p.gtin()); // VTEX prints "" for a SKU without one
            item.putArray("images").addObject().put("imageUrl", image(p));
            ObjectNode offer = item.putArray("sellers").addObject().putObject("commertialOffer");
            BigDecimal price = priceNow(store, p);
            offer.put("Price", price);
            offer.put("ListPrice", price.multiply(new BigDecimal("1.15")).setScale(2, RoundingMode.HALF_UP));
            offer.put("IsAvailable", inStock(store, p));
            offer.put("AvailableQuantity", inStock(store, p) ? 10 : 0);
        });
        return products.toString();
    }

    private String woocommerce(DemoStore store, URI base, List<DemoProduct> found, int limit) {
        ArrayNode products = json.createArrayNode();
        found.stream().limit(limit).forEach(p -> {
            ObjectNode product = products.addObject();
            product.put("id", Integer.parseInt(p.sku().substring(4)));
            product.put("name", escapeHtml(p.nameAt(store)));
            product.put("sku", storeSku(store, p));
            product.put("permalink", base + "/p/" + p.sku());
            product.putArray("images").addObject().put("src", image(p));
            ObjectNode prices = product.putObject("prices");
            BigDecimal price = priceNow(store, p);
            prices.put("price", price.movePointRight(2).toBigInteger().toString());
            prices.put("regular_price", price.movePointRight(2).toBigInteger().toString());
            prices.put("currency_code", "GTQ");
            prices.put("currency_minor_unit", 2);
            product.put("is_in_stock", inStock(store, p));
            product.put("is_purchasable", true);
            product.putArray("brands").addObject().put("name", p.brand());
            if (p.category() != null) {
                String name = lastLevel(p.category());
                product.putArray("categories").addObject().put("id", Math.floorMod(name.hashCode(), 1000)).put("name", name)
                        .put("slug", SearchQuery.normalize(name).replace(' ', '-'));
            }
        });
        return products.toString();
    }

    private String magento(DemoStore store, URI base, List<DemoProduct> found) {
        // Magento's page: the content container in .column.main, and in it CatalogSearch's result.phtml, which
        // prints either the result list in .search.results or, for no matches, its notice message
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Resultados de búsqueda</title></head>")
                .append("<body class=\"catalogsearch-result-index\"><main id=\"maincontent\" class=\"page-main\"><div class=\"columns\"><div class=\"column main\">");
        if (found.isEmpty()) {
            return html.append("<div class=\"message notice\"><div>Su búsqueda no obtuvo resultados.</div></div>")
                    .append("</div></div></main></body></html>").toString();
        }
        html.append("<div class=\"search results\"><ol class=\"products list items product-items\">");
        for (DemoProduct p : found) {
            BigDecimal price = priceNow(store, p);
            String url = base + "/p/" + p.sku();
            html.append("<li class=\"item product product-item\"><div class=\"product-item-info\" data-container=\"product-grid\">")
                    .append("<a href=\"").append(url).append("\" class=\"product photo product-item-photo\"><img class=\"product-image-photo\" src=\"")
                    .append(image(p)).append("\" alt=\"").append(escapeHtml(p.nameAt(store))).append("\"></a>")
                    .append("<div class=\"product details product-item-details\"><strong class=\"product name product-item-name\">")
                    .append("<a class=\"product-item-link\" href=\"").append(url).append("\">").append(escapeHtml(p.nameAt(store))).append("</a></strong>")
                    .append("<div class=\"price-box price-final_price\" data-role=\"priceBox\" data-product-id=\"").append(p.sku().substring(4)).append("\">")
                    .append("<span class=\"price-container price-final_price\"><span data-price-amount=\"").append(price.toPlainString())
                    .append("\" data-price-type=\"finalPrice\" class=\"price-wrapper\"><span class=\"price\">Q").append(price.toPlainString())
                    .append("</span></span></span></div>")
                    // as Luma lists them: an "add to cart" button when in stock, a stock label when not
                    .append("<form data-role=\"tocart-form\" data-product-sku=\"").append(escapeHtml(storeSku(store, p))).append("\">")
                    .append(inStock(store, p) ? "<button type=\"submit\" class=\"action tocart primary\"><span>Agregar al carrito</span></button>"
                            : "<div class=\"stock unavailable\"><span>Agotado</span></div>")
                    .append("</form>")
                    .append("</div></div></li>");
        }
        return html.append("</ol></div></div></div></main></body></html>").toString();
    }

    /**
     * Doofinder v5's answer: {@code results[]} with the fields the store's index is configured with (title, link,
     * image_link, brand, mpn, gtin, categories, availability) and its prices: {@code price} the regular one,
     * {@code sale_price} and {@code best_price} what it sells for.
     */
    private String doofinder(DemoStore store, URI base, String query, List<DemoProduct> found, int rpp) {
        ObjectNode root = json.createObjectNode();
        root.put("page", 1);
        root.put("query", query == null ? "" : query);
        root.put("query_name", "match_and");
        root.put("results_per_page", rpp);
        root.put("total", found.size());
        ArrayNode results = root.putArray("results");
        found.stream().limit(rpp).forEach(p -> {
            BigDecimal price = priceNow(store, p);
            ObjectNode item = results.addObject();
            item.put("id", p.sku());
            item.put("title", p.nameAt(store));
            item.put("link", base + "/p/" + p.sku());
            item.put("image_link", image(p));
            item.put("brand", p.brand());
            if (p.modelAt(store) != null) {
                item.put("mpn", p.modelAt(store));
            }
            if (p.gtin() != null) {
                item.put("gtin", p.gtin());
            }
            ArrayNode categories = item.putArray("categories");
            if (p.category() != null) {
                categories.add(p.category());
            }
            item.put("availability", inStock(store, p) ? "In stock" : "Out of stock");
            item.put("price", price.multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_UP));
            item.put("sale_price", price);
            item.put("best_price", price);
            item.put("type", "product");
        });
        return root.toString();
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static int intParam(Map<String, String> params, String name, int fallback) {
        try {
            return params.containsKey(name) ? Integer.parseInt(params.get(name)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
