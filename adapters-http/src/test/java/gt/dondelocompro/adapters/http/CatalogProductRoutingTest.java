package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Offer;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /catalog-products/{id}} and its price history over the real core: two stores sell the same Oster BLSTKAG
 * (same brand and model, different titles and prices), two searches are recorded, and the one catalog product has
 * an offer from each store and a price series per store.
 */
@RoutingTest
class CatalogProductRoutingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final GateStore.Offering AT_UNO =
            new GateStore.Offering("U-1", "Licuadora Oster BLSTKAG 600W", "499", "549", Availability.IN_STOCK);
    static final GateStore.Offering AT_DOS =
            new GateStore.Offering("D-77", "LICUADORA OSTER BLSTKAG negra", "479", null, Availability.IN_STOCK);
    static final GateStore.Offering VAGUE =
            new GateStore.Offering("U-2", "Licuadora de vaso", "199", null, Availability.IN_STOCK);
    static GateStore uno;
    static GateStore dos;
    static DondeLoCompro core;

    private final DirectClient client;

    CatalogProductRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        uno = GateStore.offering("tienda-uno", "Tienda Uno", AT_UNO, VAGUE);
        dos = GateStore.offering("tienda-dos", "Tienda Dos", AT_DOS);
        core = DondeLoCompro.builder().store(uno).store(dos).build();
        DondeLoComproHttp.routing(routing, TestUseCases.of(core), HttpSettings.defaults("test"));
    }

    static UUID lastSearch;

    @BeforeAll
    static void twoSearchesRecorded() throws Exception {
        for (String query : List.of("licuadora oster", "licuadora blstkag")) {
            UUID id = core.startSearch().startSearch(StartSearchCommand.of(query, 10, false)).searchId();
            AbstractDondeLoComproHttpTest.awaitFinished(core, id);
            lastSearch = id;
        }
        assertThat(core.recorder().awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @AfterAll
    static void close() {
        core.close(Duration.ofSeconds(5));
    }

    private static long catalogProductId() {
        Map<String, Long> ids = core.catalogProducts().catalogProductIdsOf(offers());
        assertThat(ids).as("one catalog product for both stores' offers, none for the vague one").hasSize(1);
        return ids.values().iterator().next();
    }

    private static List<Offer> offers() {
        List<Offer> offers = new ArrayList<>();
        offers.add(AT_UNO.offer(uno.vendor()));
        offers.add(AT_DOS.offer(dos.vendor()));
        offers.add(VAGUE.offer(uno.vendor()));
        return offers;
    }

    @Test
    void aRecordedSearchsGroupNamesItsCatalogProduct() throws Exception {
        long id = catalogProductId();
        JsonNode results = ok("/search/" + lastSearch + "/results", null);
        JsonNode group = null;
        for (JsonNode g : results.get("groups")) {
            if (g.get("stores").size() == 2) {
                group = g;
            }
        }
        assertThat(group).as("the product sold at both stores is one group: " + results.get("groups")).isNotNull();
        assertThat(group.get("catalog_product_id").asLong()).isEqualTo(id);
    }

    @Test
    void theCatalogProductHasTheLatestOfferOfEachStoreCheapestFirst() throws Exception {
        long id = catalogProductId();
        JsonNode product = ok("/catalog-products/" + id, null);

        assertThat(product.get("catalog_product_id").asLong()).isEqualTo(id);
        assertThat(product.get("brand").asText()).isEqualTo("Oster");
        assertThat(product.get("model").asText()).isEqualTo("blstkag");
        assertThat(product.get("gtin").isNull()).isTrue();
        assertThat(product.get("name").asText()).contains("BLSTKAG");
        JsonNode offers = product.get("offers");
        assertThat(offers).hasSize(2);
        assertThat(offers.get(0).get("vendor_id").asText()).isEqualTo("tienda-dos");
        assertThat(offers.get(0).get("vendor_name").asText()).isEqualTo("Tienda Dos");
        assertThat(offers.get(0).get("price").decimalValue()).isEqualByComparingTo("479");
        assertThat(offers.get(1).get("vendor_id").asText()).isEqualTo("tienda-uno");
        assertThat(offers.get(1).get("vendor_product_id").asText()).isEqualTo("U-1");
        assertThat(offers.get(1).get("list_price").decimalValue()).isEqualByComparingTo("549");
        assertThat(offers.get(1).get("url").asText()).isEqualTo("https://tienda-uno.example/p/U-1");
        assertThat(offers.get(1).get("availability").asText()).isEqualTo("in_stock");
        assertThat(offers.get(0).get("product_id").asLong()).isNotEqualTo(offers.get(1).get("product_id").asLong());
    }

    @Test
    void thePriceHistoryHasOneSeriesPerStoreWithTheRangeAndTheBestCurrentOffer() throws Exception {
        long id = catalogProductId();
        JsonNode history = ok("/catalog-products/" + id + "/price-history", "30");

        assertThat(history.get("catalog_product_id").asLong()).isEqualTo(id);
        assertThat(history.get("days").asInt()).isEqualTo(30);
        JsonNode stores = history.get("stores");
        assertThat(stores).hasSize(2);
        assertThat(stores.get(0).get("vendor_id").asText()).isEqualTo("tienda-dos");
        assertThat(stores.get(1).get("vendor_id").asText()).isEqualTo("tienda-uno");
        for (JsonNode store : stores) {
            assertThat(store.get("observations")).as("one per search").hasSize(2);
            JsonNode first = store.get("observations").get(0);
            assertThat(first.get("currency").asText()).isEqualTo("GTQ");
            assertThat(first.get("availability").asText()).isEqualTo("in_stock");
            assertThat(first.get("scraped_at").asText()).isNotBlank();
        }
        assertThat(history.get("min").decimalValue()).isEqualByComparingTo(new BigDecimal("479"));
        assertThat(history.get("max").decimalValue()).isEqualByComparingTo(new BigDecimal("499"));
        assertThat(history.get("current_best").get("vendor_id").asText()).isEqualTo("tienda-dos");
        assertThat(history.get("current_best").get("price").decimalValue()).isEqualByComparingTo("479");
        assertThat(ok("/catalog-products/" + id + "/price-history", null).get("days").asInt()).isEqualTo(30);
    }

    @Test
    void anUnknownOrNonNumericIdIs404AndDaysOutOfRangeIs400NamingIt() throws Exception {
        assertThat(status("/catalog-products/987654")).isEqualTo(404);
        assertThat(status("/catalog-products/abc")).isEqualTo(404);
        assertThat(status("/catalog-products/987654/price-history")).isEqualTo(404);
        long id = catalogProductId();
        for (String days : List.of("0", "366", "mes")) {
            try (HttpClientResponse res = client.get("/catalog-products/" + id + "/price-history").queryParam("days", days).request()) {
                assertThat(res.status().code()).as(days).isEqualTo(400);
                assertThat(res.headers().first(HeaderNames.CONTENT_TYPE).orElse("")).startsWith("application/problem+json");
                assertThat(JSON.readTree(res.as(String.class)).get("field").asText()).isEqualTo("days");
            }
        }
    }

    /** The in-process client takes query parameters apart from the path. */
    private JsonNode ok(String path, String days) throws Exception {
        var request = client.get(path);
        if (days != null) {
            request.queryParam("days", days);
        }
        try (HttpClientResponse res = request.request()) {
            String body = res.as(String.class);
            assertThat(res.status().code()).as(path + ": " + body).isEqualTo(200);
            return JSON.readTree(body);
        }
    }

    private int status(String path) {
        try (HttpClientResponse res = client.get(path).request()) {
            return res.status().code();
        }
    }
}
