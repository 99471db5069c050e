package gt.dondelocompro.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.persistence.TestDatabase;
import gt.dondelocompro.bootstrap.ServiceClient.Sse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comparing one product across stores, end to end: the service started through {@link Main#start} with
 * {@code DATABASE_URL} on PostgreSQL and the demo stores (real latencies). The demo's Licuadora Oster BLSTKAG is
 * sold at three stores (Q 499.00, Q 483.99, and Q 469.00 out of stock); searches over HTTP and SSE must show it as
 * one group with the right cheapest offer and saving, keep its spare jar and other near-misses apart, link it to
 * one catalog product once recorded, and give that catalog product one price series per store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndComparisonTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    /** The blender's id at each store that sells it, as each platform's adapter reads it. */
    private static final Map<String, String> BLENDER = Map.of(
            "demo-almacen", "DLC-001", // VTEX: the SKU's itemId
            "demo-tienda", "BLSTKAG", // WooCommerce: its sku
            "demo-electro", "001"); // Magento: data-product-id

    private static DondeLoComproApp app;
    private static ServiceClient client;
    private static String firstSearch;
    private static long catalogProductId;

    @BeforeAll
    static void start() {
        app = Main.start(Map.of("PORT", "0", "DATABASE_URL", DB.url(), "DATABASE_POOL_SIZE", "2", "DATABASE_MAX_OVERFLOW", "2"), "--demo");
        client = new ServiceClient("http://127.0.0.1:" + app.port());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void a_product_sold_at_three_stores_is_one_group_with_the_cheapest_in_stock_offer_and_the_saving() throws Exception {
        JsonNode completed = searchToCompletion("licuadora oster", true);
        assertThat(completed.get("groups")).as("groups in completed").isNotEmpty()
                .allSatisfy(g -> assertThat(g.get("catalog_product_id").isNull()).as("not recorded yet").isTrue());

        JsonNode results = awaitCatalogProduct(firstSearch);
        JsonNode products = results.get("products");
        JsonNode group = blenderGroup(results);

        assertThat(texts(group.get("stores"))).containsExactlyInAnyOrder("demo-almacen", "demo-tienda", "demo-electro");
        assertThat(ints(group.get("offers"))).containsExactlyInAnyOrderElementsOf(indexes(products, this::isBlender));
        assertThat(group.get("model").asText()).isEqualToIgnoringCase("BLSTKAG");
        assertThat(group.get("brand").asText()).isEqualTo("Oster");
        // Electro's Q 469.00 is out of stock: the cheapest one can buy is Tienda's, and the saving counts in-stock offers
        assertThat(group.at("/cheapest/vendor_id").asText()).isEqualTo("demo-tienda");
        assertThat(group.at("/cheapest/price").decimalValue()).isEqualByComparingTo("483.99");
        assertThat(group.get("price_min").decimalValue()).isEqualByComparingTo("483.99");
        assertThat(group.get("price_max").decimalValue()).isEqualByComparingTo("499.00");
        assertThat(group.get("saving").decimalValue()).isEqualByComparingTo("15.01");

        // the near-misses are other groups: the spare jar that names the blender's code, the Oster Pro
        List<Integer> jars = indexes(products, p -> p.get("name").asText().startsWith("Vaso de repuesto"));
        List<Integer> pro = indexes(products, p -> p.get("name").asText().startsWith("Licuadora Oster Pro"));
        assertThat(jars).hasSizeGreaterThanOrEqualTo(3);
        assertThat(pro).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ints(group.get("offers"))).doesNotContainAnyElementsOf(jars).doesNotContainAnyElementsOf(pro);
        for (JsonNode other : results.get("groups")) {
            List<Integer> members = ints(other.get("offers"));
            if (members.stream().anyMatch(jars::contains)) {
                assertThat(jars).as("a jar's group holds jars only").containsAll(members);
            }
        }
        // the search's cheapest is the blender's cheapest offer, not the cheaper jar
        assertThat(results.at("/cheapest/vendor_id").asText()).isEqualTo("demo-tienda");
        assertThat(results.at("/cheapest/price").decimalValue()).isEqualByComparingTo("483.99");
        assertThat(results.at("/cheapest/name").asText()).doesNotStartWith("Vaso");
        assertThat(completed.at("/cheapest/name").asText()).isEqualTo(results.at("/cheapest/name").asText());

        catalogProductId = group.get("catalog_product_id").asLong();
        JsonNode catalogProduct = client.getJson("/catalog-products/" + catalogProductId);
        assertThat(catalogProduct.get("brand").asText()).isEqualTo("Oster");
        assertThat(catalogProduct.get("model").asText()).isEqualToIgnoringCase("BLSTKAG");
        assertThat(catalogProduct.get("offers")).extracting(o -> o.get("vendor_id").asText())
                .containsExactlyInAnyOrder("demo-almacen", "demo-tienda", "demo-electro");
    }

    @Test
    @Order(2)
    void after_a_second_search_its_catalog_product_has_one_price_series_per_store() throws Exception {
        JsonNode ticket = client.startSearch("{\"query\": \"licuadora oster\"}", false);
        assertThat(ticket.get("cached").asBoolean()).isFalse();
        assertThat(client.readStream(ticket.get("sse_url").asText()).getLast().event()).isEqualTo("completed");
        String second = ticket.get("search_id").asText();

        JsonNode group = blenderGroup(awaitCatalogProduct(second));
        assertThat(group.get("catalog_product_id").asLong()).as("the same catalog product").isEqualTo(catalogProductId);
        awaitRecordedSearches(2);

        JsonNode history = client.getJson("/catalog-products/" + catalogProductId + "/price-history?days=30");
        assertThat(history.get("days").asInt()).isEqualTo(30);
        assertThat(history.get("stores")).extracting(s -> s.get("vendor_id").asText())
                .containsExactly("demo-almacen", "demo-electro", "demo-tienda");
        Map<String, String> prices = Map.of("demo-almacen", "499.00", "demo-electro", "469.00", "demo-tienda", "483.99");
        assertThat(history.get("stores")).allSatisfy(s -> assertThat(s.get("observations")).as(s.get("vendor_id").asText())
                .hasSize(2).allSatisfy(o -> assertThat(o.get("price").decimalValue())
                        .isEqualByComparingTo(prices.get(s.get("vendor_id").asText()))));
        assertThat(history.get("min").decimalValue()).isEqualByComparingTo("469.00");
        assertThat(history.get("max").decimalValue()).isEqualByComparingTo("499.00");
        assertThat(history.at("/current_best/vendor_id").asText()).isEqualTo("demo-tienda");
        assertThat(history.at("/current_best/price").decimalValue()).isEqualByComparingTo("483.99");
    }

    @Test
    @Order(3)
    void filters_narrow_the_offers_and_the_groups_are_those_of_the_offers_left() throws Exception {
        JsonNode filtered = client.getJson("/search/" + firstSearch + "/results?brand=oster&in_stock=true&max_price=500");

        assertThat(filtered.get("products")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("brand").asText()).isEqualToIgnoringCase("oster");
            assertThat(p.get("availability").asText()).isEqualTo("in_stock");
            assertThat(p.get("price").decimalValue()).isLessThanOrEqualTo(new java.math.BigDecimal("500"));
        });
        assertThat(texts(blenderGroup(filtered).get("stores"))).as("Electro's is out of stock")
                .containsExactlyInAnyOrder("demo-almacen", "demo-tienda");
        assertThat(filtered.at("/facets/brands")).isNotEmpty();

        HttpResponse<String> bad = client.http().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + app.port() + "/search/" + firstSearch + "/results?max_price=barato")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("max_price");
    }

    @Test
    @Order(4)
    void a_phone_in_two_colours_is_one_group_and_its_other_capacity_and_its_case_are_not() throws Exception {
        JsonNode completed = searchToCompletion("samsung galaxy a15", true);
        JsonNode results = client.getJson("/search/" + firstSearch + "/results");
        JsonNode products = results.get("products");

        List<Integer> small = indexes(products, p -> p.get("name").asText().contains("A15 128 GB"));
        List<Integer> large = indexes(products, p -> p.get("name").asText().contains("A15 256 GB"));
        List<Integer> cases = indexes(products, p -> p.get("name").asText().startsWith("Funda"));
        assertThat(small).hasSize(5);
        assertThat(large).hasSize(4);
        assertThat(cases).isNotEmpty();
        JsonNode smallGroup = groupHolding(results, small.getFirst());
        assertThat(ints(smallGroup.get("offers"))).as("black and blue 128 GB").containsExactlyInAnyOrderElementsOf(small);
        assertThat(texts(smallGroup.get("stores"))).hasSize(5);
        assertThat(ints(groupHolding(results, large.getFirst()).get("offers"))).containsExactlyInAnyOrderElementsOf(large);
        for (int c : cases) {
            assertThat(cases).containsAll(ints(groupHolding(results, c).get("offers")));
        }
        assertThat(completed.at("/cheapest/name").asText()).doesNotStartWith("Funda");
    }

    /** Starts a search, follows its events to the end; the search's id is kept in {@link #firstSearch}. */
    private JsonNode searchToCompletion(String query, boolean useCache) throws Exception {
        JsonNode ticket = client.startSearch("{\"query\": \"" + query + "\"}", useCache);
        List<Sse> events = client.readStream(ticket.get("sse_url").asText());
        assertThat(events.getLast().event()).isEqualTo("completed");
        firstSearch = ticket.get("search_id").asText();
        return events.getLast().data();
    }

    /** The results once the recorder has saved the search and its blender group names its catalog product. */
    private JsonNode awaitCatalogProduct(String searchId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode results = client.getJson("/search/" + searchId + "/results");
            if (!blenderGroup(results).get("catalog_product_id").isNull()) {
                return results;
            }
            assertThat(System.nanoTime()).as("the blender group never got its catalog product").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the recorder has saved {@code count} searches: the day's searches per store are counted in the
     * transaction that saves a search's prices. (A known catalog product is named before its new search is saved.)
     */
    private void awaitRecordedSearches(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode days = client.getJson("/analytics/vendor-performance?vendor_id=demo-almacen&days=1");
            if (!days.isEmpty() && days.get(0).get("total_searches").asInt() >= count) {
                assertThat(days.get(0).get("total_searches").asInt()).isEqualTo(count);
                return;
            }
            assertThat(System.nanoTime()).as(count + " searches never recorded").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private boolean isBlender(JsonNode product) {
        return product.get("vendor_product_id").asText().equals(BLENDER.get(product.get("vendor_id").asText()));
    }

    private JsonNode blenderGroup(JsonNode results) {
        List<Integer> blender = indexes(results.get("products"), this::isBlender);
        assertThat(blender).as("the blender's offers").isNotEmpty();
        return groupHolding(results, blender.getFirst());
    }

    private static JsonNode groupHolding(JsonNode results, int index) {
        for (JsonNode group : results.get("groups")) {
            if (ints(group.get("offers")).contains(index)) {
                return group;
            }
        }
        throw new AssertionError("no group holds offer " + index);
    }

    private static List<Integer> indexes(JsonNode products, Predicate<JsonNode> which) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            if (which.test(products.get(i))) {
                found.add(i);
            }
        }
        return found;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
