package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.Vendor;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webclient.api.ClientResponseTyped;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Products grouped across stores in {@code GET /search/{id}/results} and {@code completed}, the products' {@code match_key}
 * and brand, and the results' filters and facets. Two stores sell the same Oster BLSTKAG (one names no brand), one a
 * spare jar for it, one another brand's blender that is out of stock.
 */
@RoutingTest
class SearchGroupsRoutingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static DondeLoCompro core;
    static UUID search;

    private final DirectClient client;

    SearchGroupsRoutingTest(DirectClient client) {
        this.client = client;
    }

    private static Offer offer(Vendor v, String sku, String name, String brand, String price, Availability availability,
                               String category) {
        return Offer.of(v, sku, name, brand, "https://" + v.id() + ".example/p/" + sku, null, Money.gtq(price), null, availability)
                .withIdentifiers(null, null, category);
    }

    private static GateStore store(String id, String name, java.util.function.Function<Vendor, List<Offer>> offers) {
        return new GateStore(Vendor.of(id, name), v -> StoreResult.Offers.of(offers.apply(v)));
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GateStore cemaco = store("cemaco", "Cemaco", v -> List.of(
                offer(v, "C-1", "Licuadora Oster BLSTKAG 3 velocidades", "Oster", "449", Availability.IN_STOCK, "Electrodomésticos/Licuadoras"),
                offer(v, "C-2", "Vaso de repuesto para licuadora Oster", null, "89", Availability.IN_STOCK, "Repuestos")));
        GateStore max = store("max", "Max", v -> List.of(
                offer(v, "M-1", "LICUADORA OSTER BLSTKAG-WBL", null, "439", Availability.IN_STOCK, "Licuadoras"),
                offer(v, "M-2", "Licuadora Hamilton Beach 58148", "Hamilton Beach", "299", Availability.OUT_OF_STOCK, "licuadoras")));
        core = DondeLoCompro.builder().store(cemaco).store(max).build();
        DondeLoComproHttp.routing(routing, TestUseCases.of(core), HttpSettings.defaults("test"));
    }

    @BeforeAll
    static void searched() {
        search = core.startSearch().startSearch(new SearchRequestJson("licuadora", null).toCommand(true)).searchId();
        try {
            AbstractDondeLoComproHttpTest.awaitFinished(core, search);
            // recorded, so that the results name each group's catalog product
            assertThat(core.recorder().awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        core.close(Duration.ofSeconds(5));
    }

    private JsonNode results(String query) throws Exception {
        ClientResponseTyped<String> res = get(query.isEmpty() ? "" : query.substring(1));
        assertThat(res.status().code()).as(res.entity()).isEqualTo(200);
        return JSON.readTree(res.entity());
    }

    /** The results with these query parameters ({@code a=1&b=2}, values URL-encoded). */
    private ClientResponseTyped<String> get(String query) {
        var request = client.get("/search/" + search + "/results");
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            request.queryParam(nameValue[0], java.net.URLDecoder.decode(nameValue[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return request.request(String.class);
    }

    private static int indexOf(JsonNode products, String vendorProductId) {
        for (int i = 0; i < products.size(); i++) {
            if (products.get(i).get("vendor_product_id").asText().equals(vendorProductId)) {
                return i;
            }
        }
        throw new AssertionError(vendorProductId + " not in " + products);
    }

    private static JsonNode groupOf(JsonNode body, String vendorProductId) {
        int index = indexOf(body.get("products"), vendorProductId);
        for (JsonNode group : body.get("groups")) {
            for (JsonNode offer : group.get("offers")) {
                if (offer.asInt() == index) {
                    return group;
                }
            }
        }
        throw new AssertionError(vendorProductId + " in no group of " + body.get("groups"));
    }

    private static List<String> ids(JsonNode products) {
        List<String> ids = new ArrayList<>();
        products.forEach(p -> ids.add(p.get("vendor_product_id").asText()));
        return ids;
    }

    @Test
    void oneProductAtTwoStoresIsOneGroupWithItsCheapestAndSaving() throws Exception {
        JsonNode body = results("");
        JsonNode products = body.get("products");
        JsonNode group = groupOf(body, "C-1");

        assertThat(group).isEqualTo(groupOf(body, "M-1"));
        assertThat(JSON.convertValue(group.get("offers"), int[].class))
                .containsExactlyInAnyOrder(indexOf(products, "C-1"), indexOf(products, "M-1"));
        assertThat(group.get("group_id").asText()).isEqualTo("bm:oster|blstkag");
        // recorded by the in-memory core, so the group names its catalog product; one of certain identity
        assertThat(group.get("catalog_product_id").isNumber()).as("catalog product of a recorded group").isTrue();
        assertThat(group.get("brand").asText()).isEqualTo("Oster");
        assertThat(group.get("model").asText()).isEqualTo("blstkag");
        assertThat(group.get("gtin").isNull()).isTrue();
        assertThat(JSON.convertValue(group.get("stores"), String[].class)).containsExactlyInAnyOrder("cemaco", "max");
        assertThat(group.get("cheapest").get("vendor_id").asText()).isEqualTo("max");
        assertThat(group.get("cheapest").get("price").decimalValue()).isEqualByComparingTo("439.00");
        assertThat(group.get("price_min").decimalValue()).isEqualByComparingTo("439.00");
        assertThat(group.get("price_max").decimalValue()).isEqualByComparingTo("449.00");
        assertThat(group.get("saving").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(body.get("groups")).hasSize(3);
        assertThat(groupOf(body, "C-2").get("group_id").asText()).isEqualTo("offer:cemaco/C-2");
        // the jar is cheaper and the Hamilton Beach is out of stock: the search's cheapest is the Oster at Max
        assertThat(body.get("cheapest").get("vendor_product_id").asText()).isEqualTo("M-1");
    }

    @Test
    void theCompletedEventCarriesTheSameGroupsAsTheResults() throws Exception {
        JsonNode body = results("");
        JsonNode events = body.get("events");
        JsonNode completed = events.get(events.size() - 1);

        assertThat(completed.get("event").asText()).isEqualTo("completed");
        // the same groups; only the results, read after the search was recorded, know each one's catalog product
        JsonNode fromResults = body.get("groups").deepCopy();
        fromResults.forEach(g -> ((com.fasterxml.jackson.databind.node.ObjectNode) g).putNull("catalog_product_id"));
        assertThat(completed.get("data").get("groups")).isEqualTo(fromResults);
        completed.get("data").get("groups").forEach(g -> assertThat(g.get("catalog_product_id").isNull()).isTrue());
    }

    @Test
    void productsCarryTheirMatchKeyAndTheBrandTheRulesRecognise() throws Exception {
        JsonNode body = results("");
        JsonNode products = body.get("products");
        JsonNode atMax = products.get(indexOf(products, "M-1"));
        JsonNode jar = products.get(indexOf(products, "C-2"));

        assertThat(atMax.get("match_key").asText()).isEqualTo("bm:oster|blstkag");
        assertThat(atMax.get("brand").asText()).as("the store gives none").isEqualTo("Oster");
        assertThat(jar.get("match_key").isNull()).as("an accessory names no product of its own").isTrue();
        assertThat(jar.has("match_key")).isTrue();
        List<String> keysFound = new ArrayList<>();
        for (JsonNode event : body.get("events")) {
            if (event.get("event").asText().equals("product_found")) {
                JsonNode key = event.get("data").get("product").get("match_key");
                keysFound.add(key.isNull() ? "null" : key.asText());
            }
        }
        assertThat(keysFound).hasSize(4).contains("bm:oster|blstkag", "null");
    }

    @Test
    void filtersNarrowProductsAndGroupsWhoseOffersIndexTheFilteredProducts() throws Exception {
        JsonNode oster = results("?brand=OSTER");
        assertThat(ids(oster.get("products"))).containsExactlyInAnyOrder("C-1", "M-1");
        assertThat(oster.get("groups")).hasSize(1);
        assertThat(JSON.convertValue(oster.get("groups").get(0).get("offers"), int[].class)).containsExactlyInAnyOrder(0, 1);

        assertThat(ids(results("?in_stock=true").get("products"))).containsExactlyInAnyOrder("C-1", "C-2", "M-1");
        assertThat(ids(results("?in_stock=false").get("products"))).hasSize(4);
        assertThat(ids(results("?category=Licuadoras").get("products"))).containsExactlyInAnyOrder("M-1", "M-2");

        JsonNode range = results("?min_price=400&max_price=445.5");
        assertThat(ids(range.get("products"))).containsExactly("M-1");
        JsonNode alone = range.get("groups").get(0);
        assertThat(alone.get("offers").get(0).asInt()).isZero();
        assertThat(alone.get("saving").decimalValue()).isEqualByComparingTo("0");
        assertThat(range.get("events")).as("the whole log").hasSize(results("").get("events").size());

        assertThat(results("?brand=sony").get("groups")).isEmpty();
    }

    @Test
    void facetsCountEveryOfferWhateverTheFilters() throws Exception {
        JsonNode facets = results("").get("facets");

        assertThat(facets).isEqualTo(results("?brand=hamilton%20beach&in_stock=true").get("facets"));
        assertThat(facets.get("brands").toString()).isEqualTo("[{\"value\":\"Oster\",\"count\":2},{\"value\":\"Hamilton Beach\",\"count\":1}]");
        assertThat(facets.get("categories").toString()).isEqualTo("[{\"value\":\"Licuadoras\",\"count\":2},"
                + "{\"value\":\"Electrodomésticos/Licuadoras\",\"count\":1},{\"value\":\"Repuestos\",\"count\":1}]");
        assertThat(facets.get("vendors").toString()).isEqualTo("[{\"value\":\"cemaco\",\"count\":2},{\"value\":\"max\",\"count\":2}]");
        assertThat(facets.get("price").get("min").decimalValue()).isEqualByComparingTo("89.00");
        assertThat(facets.get("price").get("max").decimalValue()).isEqualByComparingTo("449.00");
    }

    @ParameterizedTest
    @CsvSource({
            "min_price=-1, min_price",
            "max_price=1e3, max_price",
            "max_price=abc, max_price",
            "min_price=10&max_price=5, min_price",
            "in_stock=1, in_stock",
            "in_stock=yes, in_stock",
            "category=%0A, category",
            "brand=%00, brand"})
    void aBadFilterValueIsA400NamingIt(String query, String field) throws Exception {
        ClientResponseTyped<String> res = get(query);

        assertThat(res.status().code()).isEqualTo(400);
        assertThat(res.headers().first(HeaderNames.CONTENT_TYPE)).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(res.entity()).get("field").asText()).isEqualTo(field);
    }
}
