package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every recorded store response in {@code fixtures/stores} (see SOURCES.md there), served by a local server to
 * the adapter of its platform; the offers must equal the {@code *.expected.json} ground truth field by field.
 *
 * <p>How fields compare: {@code price} and {@code list_price} as the exact decimal text (Money keeps the
 * currency's two decimals); {@code available} true/false as IN_STOCK/OUT_OF_STOCK; a {@code currency} of null
 * in the ground truth means the response states none, so the offer must carry the test store's configured
 * default (GTQ); a relative {@code url} in the ground truth (VTEX IS, Searchanise) must come out made absolute
 * against the store's base URL, since offers always carry absolute URLs. Everything else must be equal as is.
 */
class FixtureGroundTruthTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> fixtures() {
        return Stream.of(
                arguments("vtex-legacy/biscoind-us-search.json", "vtex", 0, "/api/catalog_system/pub/products/search?ft=arroz%20blanco&_from=0&_to=49"),
                arguments("vtex-legacy/cea-br-two-products.json", "vtex", 0, "/api/catalog_system/pub/products/search?ft=arroz%20blanco&_from=0&_to=49"),
                arguments("vtex-legacy/farmrio-br-new-arrivals.json", "vtex", 0, "/api/catalog_system/pub/products/search?ft=arroz%20blanco&_from=0&_to=49"),
                arguments("vtex-is/storeframework-all-products-p1.json", "vtex_is", 0, "/api/io/_v/api/intelligent-search/product_search/?query=arroz%20blanco&count=50"),
                arguments("vtex-is/storeframework-category-office.json", "vtex_is", 0, "/api/io/_v/api/intelligent-search/product_search/?query=arroz%20blanco&count=50"),
                arguments("woocommerce/amarischemical-search-potassium-hydroxide.json", "woocommerce", 1, "/wp-json/wc/store/v1/products?search=arroz%20blanco&per_page=50"),
                arguments("woocommerce/carolinachemical-search-potassium.json", "woocommerce", 0, "/wp-json/wc/store/v1/products?search=arroz%20blanco&per_page=50"),
                arguments("woocommerce/libertysci-search-potassium-hydroxide.json", "woocommerce", 0, "/wp-json/wc/store/v1/products?search=arroz%20blanco&per_page=50"),
                arguments("shopify/hbarsci-searchanise-potassium.json", "shopify-searchanise", 0, "/getresults?api_key=2H3i9C5v0m&q=arroz%20blanco&startIndex=0&maxResults=50&items=true&output=json"),
                arguments("constructor/santaisabel-cl-search-arroz.json", "constructor", 0, "/search/arroz%20blanco?key=key_test&c=ciojs-client-2.65.0&s=1&i="),
                arguments("constructor/compa-ai-max-browse-page.json", "constructor", 0, "/search/arroz%20blanco?key=key_test&c=ciojs-client-2.65.0&s=1&i="),
                arguments("intelaf/compa-ai-busqueda-mouse.json", "intelaf", 0, "/app/api/producto/busqueda"),
                arguments("intelaf/documented-shape-laptop.json", "intelaf", 1, "/app/api/producto/busqueda"),
                arguments("doofinder/compa-ai-novex-search-page.json", "doofinder", 0, "/5/search?hashid=h123&query=arroz%20blanco&rpp=50"),
                arguments("bloomreach/compa-ai-pricesmart-gt-docs.json", "bloomreach-club", 1, "/api/v1/core/?account_id=7024&auth_key=k&domain_key=d&view_id=GT&request_type=search&search_type=keyword&q=arroz%20blanco&rows=50&start=0&url="),
                arguments("bloomreach/elasticpath-keyword-search-trimmed.json", "bloomreach", 0, "/api/v1/core/?account_id=6226&auth_key=k&domain_key=elastic_path&request_type=search&search_type=keyword&q=arroz%20blanco&rows=50&start=0&url="),
                arguments("kemik/compa-ai-categoria-jsonld.html", "kemik", 0, "/search?query=arroz%20blanco"),
                arguments("kemik/documented-shape-search.html", "kemik", 0, "/search?query=arroz%20blanco"),
                arguments("woocommerce-html/compa-ai-sears-shop-page.html", "sears-html", 0, "/?s=arroz%20blanco&post_type=product"),
                arguments("jsonld/aladdinsci-pdp-s135544.html", "html", 0, "/search?q=arroz%20blanco"),
                arguments("jsonld/farmrio-pdp-maio-bananeira.html", "html", 0, "/search?q=arroz%20blanco"));
    }

    @ParameterizedTest(name = "{0} read by the {1} adapter equals its ground truth")
    @MethodSource("fixtures")
    void recordedResponseYieldsExactlyTheGroundTruth(String fixture, String platform, int droppedWithoutPrice,
                                                     String expectedRequest) throws Exception {
        byte[] body = resource("/fixtures/stores/" + fixture);
        String contentType = fixture.endsWith(".html") ? "text/html; charset=utf-8" : "application/json; charset=utf-8";
        JsonNode expected = MAPPER.readTree(resource("/fixtures/stores/" + fixture.replaceFirst("\\.(json|html)$", ".expected.json")));

        try (LocalStoreServer server = LocalStoreServer.start();
             PoliteHttpClient client = TestStores.client()) {
            server.otherwise(LocalStoreServer.reply(200, contentType, body, Map.of()));
            StoreConfig config = switch (platform) {
                case "shopify-searchanise" -> TestStores.config("shopify", server.baseUrl(), null,
                        server.baseUrl() + "/getresults", "2H3i9C5v0m");
                case "constructor" -> TestStores.config("constructor", server.baseUrl(), null,
                        server.baseUrl() + "/search/", "key_test");
                case "intelaf" -> TestStores.config("intelaf", server.baseUrl(), null,
                        server.baseUrl() + "/app/api/producto/busqueda", null);
                case "doofinder" -> TestStores.config("doofinder", server.baseUrl(), null,
                        server.baseUrl() + "/5/search", null, new StoreConfig.PlatformKeys("h123", null, null, null, null, null));
                case "bloomreach-club" -> TestStores.config("bloomreach", server.baseUrl(), null,
                        server.baseUrl() + "/api/v1/core/", null, new StoreConfig.PlatformKeys(null, "7024", "k", "d", "GT", "6303"));
                case "bloomreach" -> TestStores.config("bloomreach", server.baseUrl(), null,
                        server.baseUrl() + "/api/v1/core/", null, new StoreConfig.PlatformKeys(null, "6226", "k", "elastic_path", null, null));
                // the built-in catalog's own entries, pointed at loopback: their selectors must read these pages
                case "kemik" -> TestStores.fromCatalog("kemik").withBaseUrl(URI.create(server.baseUrl()));
                case "sears-html" -> TestStores.fromCatalog("sears").asFallback().withBaseUrl(URI.create(server.baseUrl()));
                default -> TestStores.config(platform, server.baseUrl());
            };

            StoreResult result = Stores.create(config, client).search(SearchQuery.of("arroz blanco"), 50);

            assertThat(result).isInstanceOf(StoreResult.Offers.class);
            StoreResult.Offers offers = (StoreResult.Offers) result;
            assertThat(offers.droppedWithoutPrice()).isEqualTo(droppedWithoutPrice);
            assertThat(offers.offers()).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertOfferMatches(offers.offers().get(i), expected.get(i), config, fixture + " #" + i);
            }
            assertThat(server.arrivals()).extracting(LocalStoreServer.Arrival::pathAndQuery).hasSize(2)
                    .first().isEqualTo("/robots.txt");
            assertThat(server.arrivals().get(1).pathAndQuery()).startsWith(expectedRequest);
            assertThat(server.arrivals().get(1).method()).isEqualTo(platform.equals("intelaf") ? "POST" : "GET");
        }
    }

    private static void assertOfferMatches(Offer offer, JsonNode truth, StoreConfig config, String where) {
        assertThat(offer.name()).as(where + " name").isEqualTo(truth.get("name").asText());
        assertThat(offer.price().amount().toPlainString()).as(where + " price").isEqualTo(truth.get("price").asText());
        assertThat(offer.listPrice() == null ? null : offer.listPrice().amount().toPlainString())
                .as(where + " list_price").isEqualTo(textOrNull(truth, "list_price"));
        String currency = textOrNull(truth, "currency");
        assertThat(offer.price().currency().getCurrencyCode()).as(where + " currency")
                .isEqualTo(currency == null ? config.currency().getCurrencyCode() : currency);
        String url = truth.get("url").asText();
        assertThat(offer.url()).as(where + " url")
                .isEqualTo(URI.create(url).isAbsolute() ? url : config.baseUrl().resolve(url).toString());
        assertThat(offer.imageUrl()).as(where + " image_url").isEqualTo(textOrNull(truth, "image_url"));
        assertThat(offer.brand()).as(where + " brand").isEqualTo(textOrNull(truth, "brand"));
        JsonNode available = truth.get("available");
        assertThat(offer.availability()).as(where + " available")
                .isEqualTo(available == null || available.isNull() ? Availability.UNKNOWN : Availability.of(available.asBoolean()));
        assertThat(truth.has("gtin") && truth.has("model") && truth.has("category")).as(where + " states its identifiers").isTrue();
        assertThat(offer.gtin()).as(where + " gtin").isEqualTo(textOrNull(truth, "gtin"));
        assertThat(offer.model()).as(where + " model").isEqualTo(textOrNull(truth, "model"));
        assertThat(offer.category()).as(where + " category").isEqualTo(textOrNull(truth, "category"));
        assertThat(offer.vendorProductId()).as(where + " vendor_product_id").isEqualTo(textOrNull(truth, "vendor_product_id"));
        assertThat(offer.vendorId()).isEqualTo(config.id());
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = FixtureGroundTruthTest.class.getResourceAsStream(path)) {
            assertThat(in).as("test resource " + path).isNotNull();
            return in.readAllBytes();
        }
    }

}
