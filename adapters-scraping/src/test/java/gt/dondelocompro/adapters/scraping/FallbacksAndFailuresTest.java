package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A store's second way of being read, the relaxed query, and the failures an operator tells apart. */
class FallbacksAndFailuresTest {

    private static final String VTEX_PATH = "/api/catalog_system/pub/products/search";
    private static final String SEARS_HTML = """
            <ul class="products"><li class="product instock"><a class="woocommerce-loop-product__link" href="/producto/licuadora-oster/">
            <h2 class="woocommerce-loop-product__title">Licuadora Oster 10 velocidades</h2>
            <span class="price"><span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">Q</span>499.00</bdi></span></span></a></li></ul>""";

    private static String vtexProducts(String... names) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            json.append(i == 0 ? "" : ",").append("""
                    {"productName": "%s", "brand": "B", "link": "/p%d/p", "items": [{"itemId": "%d", "ean": "",
                     "sellers": [{"commertialOffer": {"Price": 100.5, "ListPrice": 120, "IsAvailable": true}}]}]}""".formatted(names[i], i, i));
        }
        return json.append("]").toString();
    }

    private static StoreConfig sears(String baseUrl) {
        return TestStores.fromCatalog("sears").withBaseUrl(URI.create(baseUrl));
    }

    @Test
    void aStoreApiThatAnswers404IsReadThroughItsHtmlFallbackAndTheOutcomeSaysSo() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on("/", LocalStoreServer.reply(200, "text/html; charset=utf-8", SEARS_HTML));
            server.on("/wp-json/wc/store/v1/products", LocalStoreServer.reply(404, "application/json", "{\"code\":\"rest_no_route\"}"));

            StoreResult result = Stores.create(sears(server.baseUrl()), client).search(SearchQuery.of("licuadora"), 10);

            assertThat(result).isInstanceOfSatisfying(StoreResult.Offers.class, offers -> {
                assertThat(offers.via()).isEqualTo("html");
                assertThat(offers.offers()).extracting(Offer::name).containsExactly("Licuadora Oster 10 velocidades");
                assertThat(offers.offers().getFirst().price().amount()).hasToString("499.00");
            });
        }
    }

    @Test
    void anUnreadableApiBodyAlsoFallsBackButAnAnswerFromTheApiSaysItsOwnWay() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on("/", LocalStoreServer.reply(200, "text/html; charset=utf-8", SEARS_HTML));
            server.on("/wp-json/wc/store/v1/products", LocalStoreServer.reply(200, "text/html", "<html>a theme page</html>"));
            StoreResult fellBack = Stores.create(sears(server.baseUrl()), client).search(SearchQuery.of("licuadora"), 10);
            assertThat(((StoreResult.Offers) fellBack).via()).isEqualTo("html");

            server.on("/wp-json/wc/store/v1/products", LocalStoreServer.reply(200, "application/json", "[]"));
            StoreResult own = Stores.create(sears(server.baseUrl()), client).search(SearchQuery.of("licuadora"), 10);
            assertThat(((StoreResult.Offers) own).via()).isEqualTo("woocommerce");
            assertThat(((StoreResult.Offers) own).offers()).isEmpty();
        }
    }

    @Test
    void aServerErrorDoesNotFallBackAndBothWaysFailingNamesBoth() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on("/wp-json/wc/store/v1/products", LocalStoreServer.reply(500, "text/plain", "boom"));
            StoreResult down = Stores.create(sears(server.baseUrl()), client).search(SearchQuery.of("licuadora"), 10);
            assertThat(((StoreResult.Failure) down).kind()).isEqualTo(FailureKind.HTTP_STATUS);
            assertThat(server.arrivalsAt("/?s=")).isEmpty();

            server.on("/wp-json/wc/store/v1/products", LocalStoreServer.reply(410, "text/plain", "gone"));
            server.on("/", LocalStoreServer.reply(200, "text/html", "<html><body>nothing here</body></html>"));
            StoreResult both = Stores.create(sears(server.baseUrl()), client).search(SearchQuery.of("licuadora"), 10);
            assertThat(both).isInstanceOfSatisfying(StoreResult.Failure.class, f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.PARSE);
                assertThat(f.message()).contains("tried after its woocommerce way failed", "HTTP 410");
            });
        }
    }

    @Test
    void aMultiWordQueryThatFindsNothingIsAskedAgainWithItsFirstSignificantWordAndFilteredByRelevance() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                String body = query.startsWith("ft=licuadora&") ? vtexProducts("Licuadora Oster 600w vaso de vidrio",
                        "Licuadora Hamilton Beach", "Licuadora Oster Pro") : "[]";
                LocalStoreServer.reply(200, "application/json", body).handle(exchange);
            });
            StoreConfig config = TestStores.config("vtex", server.baseUrl());

            StoreResult result = Stores.create(config, client).search(SearchQuery.of("la licuadora oster"), 10);

            assertThat(result).isInstanceOfSatisfying(StoreResult.Offers.class, offers -> {
                assertThat(offers.relaxedQuery()).isEqualTo("licuadora");
                assertThat(offers.offers()).extracting(Offer::name)
                        .containsExactly("Licuadora Oster 600w vaso de vidrio", "Licuadora Oster Pro");
            });
            assertThat(server.arrivalsAt(VTEX_PATH)).extracting(LocalStoreServer.Arrival::pathAndQuery).containsExactly(
                    VTEX_PATH + "?ft=la%20licuadora%20oster&_from=0&_to=9", VTEX_PATH + "?ft=licuadora&_from=0&_to=9");
        }
    }

    @Test
    void aOneWordQueryThatFindsNothingIsNotRelaxed() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            server.on(VTEX_PATH, LocalStoreServer.reply(200, "application/json", "[]"));

            StoreResult result = Stores.create(TestStores.config("vtex", server.baseUrl()), client)
                    .search(SearchQuery.of("licuadora"), 10);

            assertThat(((StoreResult.Offers) result).relaxedQuery()).isNull();
            assertThat(server.arrivalsAt(VTEX_PATH)).hasSize(1);
        }
    }

    @Test
    void aChallengePageOn429IsBlockedWhileAPlain429Or503IsAnHttpStatus() throws Exception {
        try (LocalStoreServer server = LocalStoreServer.start(); PoliteHttpClient client = TestStores.client()) {
            StoreConfig config = TestStores.config("vtex", server.baseUrl());
            server.on(VTEX_PATH, LocalStoreServer.reply(429, "text/html", "<title>Just a moment...</title><div id=cf-chl-widget>".getBytes(),
                    Map.of("cf-mitigated", "challenge")));
            assertThat(kind(Stores.create(config, client).search(SearchQuery.of("tv"), 10))).isEqualTo(FailureKind.BLOCKED);

            server.on(VTEX_PATH, LocalStoreServer.reply(403, "text/html", "<h1>Access Denied</h1> Reference #18.abc errors.edgesuite.net"));
            StoreResult akamai = Stores.create(config, client).search(SearchQuery.of("tv"), 10);
            assertThat(kind(akamai)).isEqualTo(FailureKind.BLOCKED);
            assertThat(((StoreResult.Failure) akamai).message()).contains("errors.edgesuite.net");

            server.on(VTEX_PATH, LocalStoreServer.reply(429, "text/plain", "slow down"));
            assertThat(kind(Stores.create(config, client).search(SearchQuery.of("tv"), 10))).isEqualTo(FailureKind.HTTP_STATUS);

            server.on(VTEX_PATH, LocalStoreServer.reply(503, "text/plain", "maintenance"));
            assertThat(kind(Stores.create(config, client).search(SearchQuery.of("tv"), 10))).isEqualTo(FailureKind.HTTP_STATUS);
        }
    }

    @Test
    void aRefusedConnectionAndAFailedTlsHandshakeAreUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (PoliteHttpClient client = TestStores.client(); ServerSocket plainText = new ServerSocket(0)) {
            // answers whatever arrives with plain text at once, so a TLS client fails its handshake
            Thread.ofVirtual().start(() -> {
                while (!plainText.isClosed()) {
                    try (var s = plainText.accept()) {
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            StoreResult refused = Stores.create(TestStores.config("vtex", "http://127.0.0.1:" + closedPort), client)
                    .search(SearchQuery.of("tv"), 10);
            assertThat(kind(refused)).isEqualTo(FailureKind.UNREACHABLE);
            assertThat(((StoreResult.Failure) refused).message()).contains("cannot be reached");

            String https = "https://127.0.0.1:" + plainText.getLocalPort();
            StoreResult tls = Stores.create(TestStores.config("vtex", https), client).search(SearchQuery.of("tv"), 10);
            assertThat(kind(tls)).isEqualTo(FailureKind.UNREACHABLE);
        }
    }

    private static FailureKind kind(StoreResult result) {
        assertThat(result).isInstanceOf(StoreResult.Failure.class);
        return ((StoreResult.Failure) result).kind();
    }
}
