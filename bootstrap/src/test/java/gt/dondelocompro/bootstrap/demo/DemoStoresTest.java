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
        assertThat(stores).extracting(s -> s.get("id").asText())
                .containsExactly("demo-almacen", "demo-tienda", "demo-electro", "demo-lenta", "demo-caida", "demo-hogar");
        assertThat(stores).allSatisfy(s -> {
            assertThat(s.get("base_url").asText()).startsWith("http://127.0.0.1:");
            assertThat(s.get("name").asText()).contains("Demo");
        });
    }

    @Test
    void the_catalogue_search_folds_accents_case_and_plurals() {
        DemoStore almacen = DemoStores.store("demo-almacen");
        assertThat(demo.find(almacen, "licuadoras OSTER")).extracting(DemoProduct::brand).containsOnly("Oster").hasSizeGreaterThanOrEqualTo(2);
        assertThat(demo.find(almacen, "audifonos")).hasSize(2);
        assertThat(demo.find(almacen, "nada que ver")).isEmpty();
    }

    @Test
    void a_store_finds_only_what_it_sells_and_by_model_code_too() {
        assertThat(demo.find(DemoStores.store("demo-tienda"), "blstkag")).extracting(DemoProduct::sku)
                .as("the blender, and the spare jar that names it").containsExactly("DLC-001", "DLC-005");
        assertThat(demo.find(DemoStores.store("demo-lenta"), "blstkag")).extracting(DemoProduct::sku)
                .as("the slow store does not sell the blender").containsExactly("DLC-005");
    }

    @Test
    void the_vtex_store_prints_the_model_a_gtin_or_an_empty_ean_and_the_category_path() throws Exception {
        JsonNode blender = new ObjectMapper().readTree(get("demo-almacen",
                "/api/catalog_system/pub/products/search?ft=blstkag&_from=0&_to=9").body()).get(0);
        JsonNode headphones = new ObjectMapper().readTree(get("demo-almacen",
                "/api/catalog_system/pub/products/search?ft=sony&_from=0&_to=9").body()).get(0);

        assertThat(blender.get("productReference").asText()).isEqualTo("BLSTKAG");
        assertThat(blender.at("/items/0/ean").asText()).isEmpty();
        assertThat(blender.get("categories")).extracting(JsonNode::asText).containsExactly("/Cocina/Licuadoras/", "/Cocina/");
        assertThat(headphones.at("/items/0/ean").asText()).isEqualTo("2000000018010");
    }

    @Test
    void stores_print_their_own_title_price_and_stock_where_the_catalogue_says_so() throws Exception {
        JsonNode woo = new ObjectMapper().readTree(get("demo-tienda", "/wp-json/wc/store/v1/products?search=blstkag&per_page=10").body()).get(0);
        String magento = get("demo-electro", "/catalogsearch/result/?q=blstkag").body();

        assertThat(woo.get("name").asText()).isEqualTo("Licuadora Oster Clásica de 10 velocidades");
        assertThat(woo.get("sku").asText()).isEqualTo("BLSTKAG");
        assertThat(woo.at("/prices/price").asText()).isEqualTo("48399");
        assertThat(woo.at("/categories/0/name").asText()).isEqualTo("Licuadoras");
        assertThat(magento).contains("data-product-sku=\"BLSTKAG-WBL\"", "data-price-amount=\"469.00\"", "Agotado");
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
    void the_doofinder_store_answers_its_search_engine_only() throws Exception {
        HttpResponse<String> r = get("demo-hogar", "/5/search?hashid=" + DemoStores.DOOFINDER_HASHID + "&query=sony&rpp=10");
        JsonNode item = new ObjectMapper().readTree(r.body()).at("/results/0");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(item.get("title").asText()).contains("Sony");
        assertThat(item.get("gtin").asText()).isEqualTo("2000000018010");
        assertThat(item.get("availability").asText()).isIn("In stock", "Out of stock");
        assertThat(get("demo-hogar", "/5/search?hashid=otro&query=sony&rpp=10").statusCode()).isEqualTo(404);
        assertThat(stores).filteredOn(s -> s.get("id").asText().equals("demo-hogar")).singleElement().satisfies(s -> {
            assertThat(s.get("search_url").asText()).isEqualTo(s.get("base_url").asText() + "/5/search");
            assertThat(s.get("hashid").asText()).isEqualTo(DemoStores.DOOFINDER_HASHID);
        });
    }

    @Test
    void the_broken_store_is_down_and_robots_allows_everything() throws Exception {
        assertThat(get("demo-caida", "/wp-json/wc/store/v1/products?search=x").statusCode()).isEqualTo(503);
        assertThat(get("demo-caida", "/robots.txt").body()).contains("Allow: /");
    }
}
