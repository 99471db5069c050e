package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.SearchQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every store of the built-in catalog, as configured, sends exactly the request STORES-GT.md says its site expects
 * (method, path and query, headers, body), captured by a loopback server: a store on its own host has its
 * {@code base_url} pointed there, a store whose search API lives elsewhere has its {@code search_url} pointed there
 * (its base_url stays real, since Origin, Referer and PriceSmart's {@code url} come from it).
 */
class CatalogRequestsTest {

    private static final String QUERY = "licuadora oster";
    private static final String BROWSER_LIKE = "Mozilla/5.0";

    /** What one store's search must look like on the wire; {@code pathAndQuery} is a regular expression. */
    record Expected(String method, String pathAndQuery, Map<String, String> headers, String jsonBody) {
    }

    static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("cemaco", vtex(true)), Map.entry("walmart", vtex(true)), Map.entry("siman", vtex(true)),
            Map.entry("paiz", vtex(false)), Map.entry("elektra", vtex(false)),
            Map.entry("max", get("/search/licuadora%20oster\\?key=key_5JqvLHPZsU80qkem&c=ciojs-client-2\\.65\\.0&s=1"
                    + "&i=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}&num_results_per_page=24", Map.of())),
            Map.entry("lacuracao", get("/guatemala/search/licuadora%20oster", Map.of())),
            Map.entry("radioshack", get("/guatemala/search/licuadora%20oster", Map.of())),
            Map.entry("steren", get("/catalogsearch/result/\\?q=licuadora%20oster", Map.of())),
            Map.entry("epa", get("/catalogsearch/result/\\?q=licuadora%20oster", Map.of())),
            Map.entry("kemik", get("/search\\?query=licuadora%20oster", Map.of())),
            Map.entry("intelaf", new Expected("POST", "/app/api/producto/busqueda",
                    Map.of("origin", "https://www.intelaf.com", "referer", "https://www.intelaf.com/",
                            "content-type", "application/json"),
                    """
                    {"Query": "licuadora oster", "Pagina": 1, "CantidadMaxima": 24, "PrecioMenor": 0,
                     "PrecioMayor": 100000, "Orden": "default", "Acendente": true, "Marcas": [],
                     "SucursalesCodigo": [], "Categorias": [], "Instruccion": {"nombre": "busqueda", "valor": ""},
                     "NumeroRecienIngreso": 0}""")),
            Map.entry("novex", get("/5/search\\?hashid=a57e788687f5cb996139456454036d97&query=licuadora%20oster&rpp=24",
                    Map.of("origin", "https://www.novex.com.gt", "referer", "https://www.novex.com.gt/"))),
            Map.entry("sears", get("/wp-json/wc/store/v1/products\\?search=licuadora%20oster&per_page=24", Map.of())),
            Map.entry("pricesmart", get("/api/v1/core/\\?account_id=7024&auth_key=ev7libhybjg5h1d1"
                    + "&domain_key=pricesmart_bloomreach_io_es&view_id=GT&request_type=search&search_type=keyword"
                    + "&q=licuadora%20oster&rows=24&start=0&url=https%3A%2F%2Fwww\\.pricesmart\\.com%2Fes-gt&fl=[^&]*"
                    + "price_GT_6303%2Coriginal_price_without_saving_GT_6303%2Cinventory_GT_6303", Map.of())),
            Map.entry("click", get("/search/suggest\\.json\\?q=licuadora%20oster&resources%5Btype%5D=product&resources%5Blimit%5D=10",
                    Map.of())));

    private static Expected vtex(boolean ownAgent) {
        return new Expected("GET", "/api/catalog_system/pub/products/search\\?ft=licuadora%20oster&_from=0&_to=23",
                ownAgent ? Map.of("user-agent", BROWSER_LIKE) : Map.of("user-agent", "DondeLoCompro/"), null);
    }

    private static Expected get(String pathAndQuery, Map<String, String> headers) {
        return new Expected("GET", pathAndQuery, headers, null);
    }

    static Stream<String> storeIds() {
        return StoreCatalog.builtIn().stream().map(StoreConfig::id);
    }

    @Test
    void everyStoreOfTheCatalogHasItsExpectedRequest() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(storeIds().toList());
    }

    @ParameterizedTest(name = "{0} sends what its site expects")
    @MethodSource("storeIds")
    void theStoresConfigurationBuildsAnAdapterThatSendsWhatItsSiteExpects(String id) throws Exception {
        Expected expected = EXPECTED.get(id);
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            StoreConfig config = onLoopback(TestStores.fromCatalog(id), server.baseUrl());

            Stores.create(config, client).search(SearchQuery.of(QUERY), 50); // the server answers 404: only the request matters

            List<LocalStoreServer.Arrival> searches = server.arrivals().stream()
                    .filter(a -> !a.pathAndQuery().equals("/robots.txt")).toList();
            assertThat(searches).as("the first request of " + id).isNotEmpty();
            LocalStoreServer.Arrival request = searches.getFirst();
            assertThat(request.method()).isEqualTo(expected.method());
            assertThat(request.pathAndQuery()).matches(expected.pathAndQuery());
            expected.headers().forEach((name, value) -> assertThat(request.header(name)).as(name).startsWith(value));
            if (expected.jsonBody() != null) {
                ObjectMapper mapper = new ObjectMapper();
                JsonNode body = mapper.readTree(request.bodyText());
                assertThat(body).isEqualTo(mapper.readTree(expected.jsonBody()));
            } else {
                assertThat(request.body()).isEmpty();
            }
        }
    }

    @Test
    void searsFallsBackToItsHtmlSearchWhenTheStoreApiIsNotServed() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            StoreConfig config = onLoopback(TestStores.fromCatalog("sears"), server.baseUrl());

            Stores.create(config, client).search(SearchQuery.of(QUERY), 50);

            assertThat(server.arrivals()).extracting(LocalStoreServer.Arrival::pathAndQuery).containsExactly("/robots.txt",
                    "/wp-json/wc/store/v1/products?search=licuadora%20oster&per_page=24",
                    "/?s=licuadora%20oster&post_type=product");
        }
    }

    /** The store with its own host (or, for an API on another host, its search_url's host) on loopback. */
    static StoreConfig onLoopback(StoreConfig config, String loopback) {
        if (config.searchUrl() != null) {
            URI real = config.searchUrl();
            return config.withSearchUrl(URI.create(loopback + real.getRawPath()));
        }
        return config.withBaseUrl(URI.create(loopback));
    }
}
