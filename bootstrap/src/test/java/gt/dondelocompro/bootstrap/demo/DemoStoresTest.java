package gt.dondelocompro.bootstrap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class DemoStoresTest {

    private static DemoStores demo;
    private static JsonNode stores;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        demo = DemoStores.start(true);
        stores = new ObjectMapper().readTree(demo.storesFile());
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private HttpResponse<String> get(String storeId, String pathAndQuery) throws Exception {
        for (JsonNode s : stores) {
            if (s.get("id").asText().equals(storeId)) {
                return http.send(HttpRequest.newBuilder(URI.create(s.get("base_url").asText() + pathAndQuery)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
        }
        throw new AssertionError("no demo store " + storeId);
    }

    @Test
    void the_stores_file_lists_every_demo_store_on_loopback() {
        assertThat(stores).hasSize(5);
        assertThat(stores).allSatisfy(s -> {
            assertThat(s.get("base_url").asText()).startsWith("http://127.0.0.1:");
            assertThat(s.get("name").asText()).contains("Demo");
        });
    }

    @Test
    void the_catalogue_search_folds_accents_case_and_plurals() {
        assertThat(demo.find("licuadoras OSTER")).extracting(DemoProduct::brand).containsOnly("Oster").hasSizeGreaterThanOrEqualTo(2);
        assertThat(demo.find("audifonos")).hasSize(2);
        assertThat(demo.find("nada que ver")).isEmpty();
    }

    @Test
    void the_vtex_store_answers_in_the_catalog_api_shape() throws Exception {
        HttpResponse<String> r = get("demo-almacen", "/api/catalog_system/pub/products/search?ft=licuadora%20oster&_from=0&_to=1");

        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body).hasSize(2);
        assertThat(body.get(0).at("/items/0/sellers/0/commertialOffer/Price").decimalValue()).isPositive();
    }

    @Test
    void the_woocommerce_store_gives_prices_in_minor_units() throws Exception {
        HttpResponse<String> r = get("demo-tienda", "/wp-json/wc/store/v1/products?search=televisor&per_page=10");

        JsonNode first = new ObjectMapper().readTree(r.body()).get(0);
        assertThat(first.at("/prices/currency_minor_unit").asInt()).isEqualTo(2);
        assertThat(first.at("/prices/price").asText()).matches("[0-9]+");
    }

    @Test
    void the_magento_store_answers_search_result_html() throws Exception {
        HttpResponse<String> r = get("demo-electro", "/catalogsearch/result/?q=celular");

        assertThat(r.body()).contains("product-item-info", "product-item-link", "data-price-amount");
    }

    @Test
    void the_broken_store_is_down_and_robots_allows_everything() throws Exception {
        assertThat(get("demo-caida", "/wp-json/wc/store/v1/products?search=x").statusCode()).isEqualTo(503);
        assertThat(get("demo-caida", "/robots.txt").body()).contains("Allow: /");
    }
}
