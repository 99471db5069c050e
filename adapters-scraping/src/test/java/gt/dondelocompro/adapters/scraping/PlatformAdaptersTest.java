package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform behaviour beyond the recorded fixtures. Shopify's {@code /search/suggest.json} and Magento's search
 * page have no recorded response in fixtures/stores, so those tests use responses built here from the platforms'
 * documented shapes (Shopify Ajax Predictive Search API; Magento 2 Luma search result list), not recordings.
 */
class PlatformAdaptersTest {

    private LocalStoreServer server;
    private PoliteHttpClient client;

    @BeforeEach
    void start() {
        server = LocalStoreServer.start();
        client = TestStores.client();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private StoreResult search(StoreConfig config, String query, int maxResults) throws InterruptedException {
        return Stores.create(config, client).search(SearchQuery.of(query), maxResults);
    }

    private static StoreResult.Offers offers(StoreResult result) {
        assertThat(result).isInstanceOf(StoreResult.Offers.class);
        return (StoreResult.Offers) result;
    }

    private static StoreResult.Failure failure(StoreResult result) {
        assertThat(result).isInstanceOf(StoreResult.Failure.class);
        return (StoreResult.Failure) result;
    }

    // --- Shopify predictive search: a response built from Shopify's documented shape, not a recording ---

    private static final String SHOPIFY_SUGGEST = """
            {"resources": {"results": {"products": [
              {"available": true, "body": "<p>Bluetooth</p>", "compare_at_price_max": "1499.00", "compare_at_price_min": "1499.00",
               "handle": "audifonos-jbl-tune-510bt", "id": 7012345678901,
               "image": "https://cdn.shopify.com/s/files/1/0001/products/jbl.jpg?v=1", "price": "1199.00",
               "price_max": "1199.00", "price_min": "1199.00", "tags": [], "title": "Audífonos JBL Tune 510BT",
               "type": "Audífonos", "url": "/products/audifonos-jbl-tune-510bt?_pos=1&_sid=abc&_ss=r",
               "variants": [], "vendor": "JBL"},
              {"available": false, "compare_at_price_max": "0.00", "id": 7012345678902, "image": null,
               "price": "249.90", "title": "Cable USB-C &amp; Lightning", "url": "/products/cable-usb-c", "vendor": "Belkin"},
              {"available": true, "compare_at_price_max": "0.00", "id": 7012345678903, "price": "0.00",
               "title": "Tarjeta de regalo", "url": "/products/tarjeta", "vendor": "Click"}
            ]}}}
            """;

    @Test
    void shopifyPredictiveSearchBuiltFromTheDocumentedShapeIsReadIntoOffers() throws Exception {
        server.on("/search/suggest.json", LocalStoreServer.reply(200, "application/json", SHOPIFY_SUGGEST));
        StoreConfig config = TestStores.config("shopify", server.baseUrl());

        StoreResult.Offers result = offers(search(config, "audifonos jbl", 20));

        assertThat(result.droppedWithoutPrice()).isEqualTo(1);
        assertThat(result.offers()).hasSize(2);
        Offer jbl = result.offers().get(0);
        assertThat(jbl.name()).isEqualTo("Audífonos JBL Tune 510BT");
        assertThat(jbl.price()).isEqualTo(Money.gtq("1199.00"));
        assertThat(jbl.listPrice()).isEqualTo(Money.gtq("1499.00"));
        assertThat(jbl.url()).isEqualTo(server.baseUrl() + "/products/audifonos-jbl-tune-510bt?_pos=1&_sid=abc&_ss=r");
        assertThat(jbl.imageUrl()).isEqualTo("https://cdn.shopify.com/s/files/1/0001/products/jbl.jpg?v=1");
        assertThat(jbl.brand()).isEqualTo("JBL");
        assertThat(jbl.vendorProductId()).isEqualTo("7012345678901");
        assertThat(jbl.availability()).isEqualTo(Availability.IN_STOCK);
        Offer cable = result.offers().get(1);
        assertThat(cable.name()).isEqualTo("Cable USB-C & Lightning");
        assertThat(cable.listPrice()).as("compare_at_price 0 means no list price").isNull();
        assertThat(cable.imageUrl()).isNull();
        assertThat(cable.availability()).isEqualTo(Availability.OUT_OF_STOCK);
        // Shopify answers at most 10 products per type, so that is the most we ask for
        assertThat(server.arrivalsAt("/search/")).extracting(LocalStoreServer.Arrival::pathAndQuery)
                .containsExactly("/search/suggest.json?q=audifonos%20jbl&resources%5Btype%5D=product&resources%5Blimit%5D=10");
    }

    @Test
    void shopifyRespectsMaxResults() throws Exception {
        server.on("/search/suggest.json", LocalStoreServer.reply(200, "application/json", SHOPIFY_SUGGEST));

        StoreResult.Offers result = offers(search(TestStores.config("shopify", server.baseUrl()), "jbl", 1));

        assertThat(result.offers()).hasSize(1);
        assertThat(server.arrivalsAt("/search/").get(0).pathAndQuery()).endsWith("resources%5Blimit%5D=1");
    }

    // --- Magento 2: a Luma search result page built from Magento's documented markup, not a recording ---

    private static final String MAGENTO_RESULTS = """
            <!doctype html><html><body><div class="search results">
            <ol class="products list items product-items">
             <li class="item product product-item"><div class="product-item-info" data-container="product-grid">
               <a href="/licuadora-oster-blstmg.html" class="product photo product-item-photo">
                 <span class="product-image-container"><span class="product-image-wrapper">
                 <img class="product-image-photo" src="/media/catalog/product/cache/1/l/i/licuadora.jpg" alt="Licuadora"></span></span></a>
               <div class="product details product-item-details">
                 <strong class="product name product-item-name">
                   <a class="product-item-link" href="/licuadora-oster-blstmg.html"> Licuadora Oster 10 velocidades &amp; vaso de vidrio </a></strong>
                 <div class="price-box price-final_price" data-role="priceBox" data-product-id="1234" data-price-box="product-id-1234">
                   <span class="special-price"><span class="price-container price-final_price tax weee"><span class="price-label">Precio especial</span>
                     <span id="product-price-1234" data-price-amount="399" data-price-type="finalPrice" class="price-wrapper "><span class="price">Q399.00</span></span></span></span>
                   <span class="old-price"><span class="price-container price-final_price tax weee"><span class="price-label">Precio regular</span>
                     <span id="old-price-1234" data-price-amount="499.99" data-price-type="oldPrice" class="price-wrapper "><span class="price">Q499.99</span></span></span></span>
                 </div>
                 <div class="product actions product-item-actions"><div class="actions-primary">
                   <form data-role="tocart-form" action="/checkout/cart/add/product/1234/" method="post"><input type="hidden" name="product" value="1234">
                   <button type="submit" title="Agregar al carrito" class="action tocart primary"><span>Agregar al carrito</span></button></form></div></div>
               </div></div></li>
             <li class="item product product-item"><div class="product-item-info" data-container="product-grid">
               <a href="https://store.example/licuadora-basica.html" class="product photo product-item-photo">
                 <img class="product-image-photo" src="https://store.example/media/basica.jpg" data-src="https://store.example/media/basica-big.jpg"></a>
               <div class="product details product-item-details">
                 <strong class="product name product-item-name"><a class="product-item-link" href="https://store.example/licuadora-basica.html">Licuadora básica</a></strong>
                 <div class="price-box price-final_price" data-role="priceBox" data-product-id="5678">
                   <span class="price-container price-final_price tax weee"><span id="product-price-5678" data-price-amount="1299.5" data-price-type="finalPrice" class="price-wrapper "><span class="price">Q1,299.50</span></span></span>
                 </div>
                 <div class="stock unavailable"><span>Agotado</span></div>
               </div></div></li>
            </ol></div></body></html>
            """;

    @Test
    void magentoSearchPageBuiltFromTheDocumentedLumaMarkupIsReadIntoOffers() throws Exception {
        server.on("/catalogsearch/result/", LocalStoreServer.reply(200, "text/html; charset=utf-8", MAGENTO_RESULTS));

        StoreResult.Offers result = offers(search(TestStores.config("magento", server.baseUrl()), "licuadora oster", 10));

        assertThat(result.offers()).hasSize(2);
        Offer oster = result.offers().get(0);
        assertThat(oster.name()).isEqualTo("Licuadora Oster 10 velocidades & vaso de vidrio");
        assertThat(oster.price()).isEqualTo(Money.gtq("399.00"));
        assertThat(oster.listPrice()).isEqualTo(Money.gtq("499.99"));
        assertThat(oster.url()).isEqualTo(server.baseUrl() + "/licuadora-oster-blstmg.html");
        assertThat(oster.imageUrl()).isEqualTo(server.baseUrl() + "/media/catalog/product/cache/1/l/i/licuadora.jpg");
        assertThat(oster.vendorProductId()).isEqualTo("1234");
        assertThat(oster.brand()).isNull();
        assertThat(oster.availability()).isEqualTo(Availability.IN_STOCK);
        Offer basica = result.offers().get(1);
        assertThat(basica.price()).isEqualTo(Money.gtq("1299.50"));
        assertThat(basica.listPrice()).isNull();
        assertThat(basica.imageUrl()).isEqualTo("https://store.example/media/basica-big.jpg");
        assertThat(basica.availability()).isEqualTo(Availability.OUT_OF_STOCK);
        assertThat(server.arrivalsAt("/catalogsearch/")).extracting(LocalStoreServer.Arrival::pathAndQuery)
                .containsExactly("/catalogsearch/result/?q=licuadora%20oster");
    }

    @Test
    void magentoStoreUnderAPathKeepsThePathInItsSearchUrl() throws Exception {
        server.on("/guatemala/catalogsearch/result/", LocalStoreServer.reply(200, "text/html", MAGENTO_RESULTS));

        StoreResult.Offers result = offers(search(TestStores.config("magento", server.baseUrl() + "/guatemala"), "oster", 1));

        assertThat(result.offers()).hasSize(1);
    }

    /**
     * An empty search as Magento 2 renders it, built (not recorded) from magento/magento2: the 2columns-left page
     * layout puts the {@code content} container in {@code .column.main} below {@code .page.messages}, and
     * Magento_CatalogSearch's {@code result.phtml} (block {@code search.result}) prints, when the result count is 0,
     * {@code <div class="message notice"><div>} + the no-result text + {@code </div></div>} instead of
     * {@code .search.results}. The text is a Spanish store's translation. {@code %s} is the page messages area.
     */
    private static final String MAGENTO_NO_RESULTS = """
            <!doctype html><html lang="es"><body class="page-products catalogsearch-result-index page-layout-2columns-left">
            <div class="page-wrapper"><header class="page-header"><div class="block block-search">
              <form class="form minisearch" id="search_mini_form" action="/catalogsearch/result/" method="get">
              <input id="search" type="text" name="q" value="iphone"></form></div></header>
            <main id="maincontent" class="page-main">
             <div class="page-title-wrapper"><h1 class="page-title"><span class="base">Resultados de búsqueda para: 'iphone'</span></h1></div>
             <div class="page messages">%s</div>
             <div class="columns"><div class="column main">
               <input name="form_key" type="hidden" value="k3y">
               <div class="message notice"><div>Su búsqueda no obtuvo resultados.</div></div>
             </div><div class="sidebar sidebar-main"></div></div>
            </main></div></body></html>
            """;

    @Test
    void magentoNoResultsNoticeInTheMainColumnIsAnEmptyResultWhateverItsWording() throws Exception {
        server.on("/catalogsearch/result/", LocalStoreServer.reply(200, "text/html; charset=utf-8",
                MAGENTO_NO_RESULTS.formatted("")));

        StoreResult.Offers result = offers(search(TestStores.config("magento", server.baseUrl()), "iphone", 10));

        assertThat(result.offers()).isEmpty();
    }

    @Test
    void magentoNoticeOutsideTheMainColumnIsNotTakenForNoResults() throws Exception {
        // a flash notice above the columns, and a main column without the result block: not a search result page
        String page = MAGENTO_NO_RESULTS.formatted("<div class=\"message notice\"><div>Sitio en mantenimiento</div></div>")
                .replace("<div class=\"message notice\"><div>Su búsqueda no obtuvo resultados.</div></div>", "<p>Bienvenido</p>");
        server.on("/catalogsearch/result/", LocalStoreServer.reply(200, "text/html; charset=utf-8", page));

        StoreResult.Failure failure = failure(search(TestStores.config("magento", server.baseUrl()), "iphone", 10));

        assertThat(failure.kind()).isEqualTo(FailureKind.PARSE);
    }

    @Test
    void magentoPageWhoseMarkupChangedIsAParseFailure() throws Exception {
        server.on("/catalogsearch/result/", LocalStoreServer.reply(200, "text/html",
                "<html><body><div class=\"grid\"><div class=\"card\"><h3>Licuadora Oster</h3><b>Q399.00</b></div></div></body></html>"));

        StoreResult.Failure failure = failure(search(TestStores.config("magento", server.baseUrl()), "oster", 10));

        assertThat(failure.kind()).isEqualTo(FailureKind.PARSE);
        assertThat(failure.message()).contains("store 'test-magento'", "/catalogsearch/result/?q=oster", ".product-item-info");
        assertThat(failure.sample()).startsWith("<html><body><div class=\"grid\">");
    }

    @Test
    void aParseFailureKeepsTheFirstLinesOfWhatTheStoreSentForTheOperatorsLog() throws Exception {
        String page = "\n\n<!DOCTYPE html>\n<html>\n  <head><title>Nuevo sitio</title></head>\n"
                + "<body>\n" + "<p>línea</p>\n".repeat(50) + "</body></html>";
        server.on("/catalogsearch/result/", LocalStoreServer.reply(200, "text/html", page));

        StoreResult.Failure failure = failure(search(TestStores.config("magento", server.baseUrl()), "oster", 10));

        assertThat(failure.kind()).isEqualTo(FailureKind.PARSE);
        assertThat(failure.sample()).startsWith("<!DOCTYPE html>\n<html>\n<head><title>Nuevo sitio</title></head>\n<body>\n<p>línea</p>")
                .hasLineCount(PlatformStore.SAMPLE_LINES);
        assertThat(failure.message()).doesNotContain("Nuevo sitio"); // the shopper's message stays as it was
    }

    // --- VTEX edge cases ---

    @Test
    void vtexEmptyArrayIsASuccessfulEmptyResult() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "application/json", "[]"));

        StoreResult.Offers result = offers(search(TestStores.config("vtex", server.baseUrl()), "nada", 10));

        assertThat(result.offers()).isEmpty();
        assertThat(result.droppedWithoutPrice()).isZero();
    }

    @Test
    void vtexPriceOfZeroIsNoPriceAndIsCountedAsDropped() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "application/json", """
                [{"productName": "Sin precio", "link": "https://x.gt/a/p", "items": [{"itemId": "1",
                  "sellers": [{"commertialOffer": {"Price": 0, "ListPrice": 0, "AvailableQuantity": 0}}]}]},
                 {"productName": "Con precio", "link": "https://x.gt/b/p", "items": [{"itemId": "2",
                  "sellers": [{"commertialOffer": {"Price": 2128.3011583011585, "ListPrice": 2500, "AvailableQuantity": 3}}]}]}]
                """));

        StoreResult.Offers result = offers(search(TestStores.config("vtex", server.baseUrl()), "x", 10));

        assertThat(result.droppedWithoutPrice()).isEqualTo(1);
        assertThat(result.offers()).singleElement().satisfies(o -> {
            assertThat(o.price()).isEqualTo(Money.gtq("2128.30"));
            assertThat(o.availability()).isEqualTo(Availability.IN_STOCK);
            assertThat(o.imageUrl()).isNull();
        });
    }

    @Test
    void vtexRespectsMaxResultsInTheRequestAndTheOffers() throws Exception {
        byte[] farm = FixtureGroundTruthTest.resource("/fixtures/stores/vtex-legacy/farmrio-br-new-arrivals.json");
        server.otherwise(LocalStoreServer.reply(200, "application/json", farm, Map.of()));

        StoreResult.Offers result = offers(search(TestStores.config("vtex", server.baseUrl()), "vestido", 5));

        assertThat(result.offers()).hasSize(5);
        assertThat(server.arrivalsAt("/api/").get(0).pathAndQuery()).endsWith("ft=vestido&_from=0&_to=4");
    }

    @Test
    void vtexAnsweringHtmlInsteadOfJsonIsAParseFailureNamingWhatWasExpected() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "text/html", "<html><body>Estamos en mantenimiento</body></html>"));

        StoreResult.Failure failure = failure(search(TestStores.config("vtex", server.baseUrl()), "x", 10));

        assertThat(failure.kind()).isEqualTo(FailureKind.PARSE);
        assertThat(failure.message()).contains("store 'test-vtex'", "/api/catalog_system/pub/products/search", "expected a JSON array");
    }

    @Test
    void vtexIntelligentSearchWithoutProductsArrayIsAParseFailure() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "application/json", "{\"items\": []}"));

        StoreResult.Failure failure = failure(search(TestStores.config("vtex_is", server.baseUrl()), "x", 10));

        assertThat(failure.kind()).isEqualTo(FailureKind.PARSE);
        assertThat(failure.message()).contains("'products' array");
    }

    @Test
    void productsThatAllLackANameAreAParseFailureNotAnEmptyResult() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "application/json", """
                [{"productTitle": "renamed field", "link": "https://x.gt/a/p", "items": [{"itemId": "1",
                  "sellers": [{"commertialOffer": {"Price": 10, "ListPrice": 10, "IsAvailable": true}}]}]}]
                """));

        StoreResult.Failure failure = failure(search(TestStores.config("vtex", server.baseUrl()), "x", 10));

        assertThat(failure.kind()).isEqualTo(FailureKind.PARSE);
        assertThat(failure.message()).contains("listed 1 products but none could be read", "name");
    }

    // --- WooCommerce: HTML entities and minor units with another exponent ---

    @Test
    void wooCommerceScalesByTheCurrencyMinorUnitAndDecodesEntities() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "application/json", """
                [{"id": 9, "name": "Refrigeradora &#8211; 14&#8243; Mabe", "permalink": "https://sears.example/p/9", "sku": "",
                  "prices": {"price": "899900", "regular_price": "999900", "currency_code": "GTQ", "currency_minor_unit": 2},
                  "images": [], "brands": [], "is_in_stock": false}]
                """));

        StoreResult.Offers result = offers(search(TestStores.config("woocommerce", server.baseUrl()), "refri", 10));

        assertThat(result.offers()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("Refrigeradora – 14″ Mabe");
            assertThat(o.price()).isEqualTo(Money.gtq("8999.00"));
            assertThat(o.listPrice()).isEqualTo(Money.gtq("9999.00"));
            assertThat(o.vendorProductId()).as("id when sku is empty").isEqualTo("9");
            assertThat(o.availability()).isEqualTo(Availability.OUT_OF_STOCK);
        });
    }

    // --- HTML: microdata and configured selectors (pages built here) ---

    @Test
    void htmlStoreReadsSchemaOrgMicrodataWhenThereIsNoJsonLd() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "text/html", """
                <html><body>
                <div itemscope itemtype="https://schema.org/Product">
                  <a itemprop="url" href="/p/sarten-t-fal"><span itemprop="name">Sartén T-fal 24 cm</span></a>
                  <img itemprop="image" src="/img/sarten.jpg"><meta itemprop="sku" content="TF-24">
                  <span itemprop="brand">T-fal</span>
                  <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
                    <meta itemprop="priceCurrency" content="GTQ"><span itemprop="price" content="249.50">Q249.50</span>
                    <link itemprop="availability" href="https://schema.org/OutOfStock">
                  </div>
                </div></body></html>
                """));

        StoreResult.Offers result = offers(search(TestStores.config("html", server.baseUrl()), "sarten", 10));

        assertThat(result.offers()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("Sartén T-fal 24 cm");
            assertThat(o.price()).isEqualTo(Money.gtq("249.50"));
            assertThat(o.url()).isEqualTo(server.baseUrl() + "/p/sarten-t-fal");
            assertThat(o.imageUrl()).isEqualTo(server.baseUrl() + "/img/sarten.jpg");
            assertThat(o.vendorProductId()).isEqualTo("TF-24");
            assertThat(o.brand()).isEqualTo("T-fal");
            assertThat(o.availability()).isEqualTo(Availability.OUT_OF_STOCK);
        });
    }

    @Test
    void htmlPageWithoutCharsetInContentTypeIsDecodedWithItsMetaCharset() throws Exception {
        String page = """
                <html><head><meta charset="iso-8859-1"></head><body>
                <script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Sartén Ñandú",
                  "url": "/p/s", "offers": {"@type": "Offer", "price": "99.90", "priceCurrency": "GTQ"}}</script>
                </body></html>
                """;
        server.otherwise(LocalStoreServer.reply(200, "text/html", page.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), Map.of()));

        StoreResult.Offers result = offers(search(TestStores.config("html", server.baseUrl()), "sarten", 10));

        assertThat(result.offers()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("Sartén Ñandú");
            assertThat(o.availability()).isEqualTo(Availability.UNKNOWN);
        });
    }

    private static final String CARD_PAGE = """
            <html><body><ul>
              <li class="card"><a class="title" href="/p/1">Plancha Black+Decker</a><span class="now">Q 1.299,00</span>
                 <s class="was">Q1,499.00</s><img src="/i/1.jpg"><i class="sku">BD-1</i></li>
              <li class="card"><a class="title" href="/p/2">Plancha Oster</a><span class="now">Q249</span>
                 <em class="agotado">Agotado</em></li>
            </ul></body></html>
            """;

    private StoreConfig cardStore() {
        return TestStores.config("html", server.baseUrl(), "/buscar?q={query}", null, null).withSelectors(Map.of(
                "product", "li.card", "name", "a.title", "url", "a.title", "price", ".now", "list_price", ".was",
                "image", "img", "id", ".sku", "out_of_stock", ".agotado", "no_results", ".sin-resultados"));
    }

    @Test
    void htmlStoreFallsBackToTheConfiguredCssSelectors() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "text/html", CARD_PAGE));

        StoreResult.Offers result = offers(search(cardStore(), "plancha", 10));

        assertThat(result.offers()).hasSize(2);
        Offer first = result.offers().get(0);
        assertThat(first.name()).isEqualTo("Plancha Black+Decker");
        assertThat(first.price()).isEqualTo(Money.gtq("1299.00"));
        assertThat(first.listPrice()).isEqualTo(Money.gtq("1499.00"));
        assertThat(first.url()).isEqualTo(server.baseUrl() + "/p/1");
        assertThat(first.vendorProductId()).isEqualTo("BD-1");
        assertThat(first.availability()).isEqualTo(Availability.IN_STOCK);
        assertThat(result.offers().get(1).availability()).isEqualTo(Availability.OUT_OF_STOCK);
        assertThat(server.arrivalsAt("/buscar")).extracting(LocalStoreServer.Arrival::pathAndQuery)
                .containsExactly("/buscar?q=plancha");
    }

    @Test
    void htmlStoreWithItsNoResultsMarkerIsEmptyAndWithoutItIsAParseFailure() throws Exception {
        server.otherwise(LocalStoreServer.reply(200, "text/html", "<html><body><p class=\"sin-resultados\">Nada</p></body></html>"));
        assertThat(offers(search(cardStore(), "zzz", 10)).offers()).isEmpty();

        server.otherwise(LocalStoreServer.reply(200, "text/html", "<html><body><div class=\"new-grid\">Plancha Q249</div></body></html>"));
        StoreResult.Failure failure = failure(search(cardStore(), "plancha", 10));
        assertThat(failure.kind()).isEqualTo(FailureKind.PARSE);
        assertThat(failure.message()).contains("no schema.org Product", "li.card");
    }
}
