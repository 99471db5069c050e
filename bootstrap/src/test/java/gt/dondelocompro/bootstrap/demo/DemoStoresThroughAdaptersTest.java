package gt.dondelocompro.bootstrap.demo;

import gt.dondelocompro.adapters.scraping.StoreCatalog;
import gt.dondelocompro.adapters.scraping.Stores;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo stores answer like the real platforms: the real store adapters read them. */
class DemoStoresThroughAdaptersTest {

    private static DemoStores demo;
    private static PoliteHttpClient http;
    private static List<Store> stores;

    @BeforeAll
    static void start() {
        demo = DemoStores.start(true);
        http = PoliteHttpClient.withDefaults();
        stores = Stores.create(StoreCatalog.parse("demo", demo.storesFile()), http);
    }

    @AfterAll
    static void stop() {
        http.close();
        demo.close();
    }

    private StoreResult search(String id, String query) throws InterruptedException {
        Store store = stores.stream().filter(s -> s.vendor().id().equals(id)).findFirst().orElseThrow();
        return store.search(SearchQuery.of(query), 10);
    }

    @Test
    void every_working_platform_yields_offers_with_prices_links_and_images() throws Exception {
        for (String id : List.of("demo-almacen", "demo-tienda", "demo-electro", "demo-lenta")) {
            StoreResult result = search(id, "licuadora oster");

            assertThat(result).as(id).isInstanceOf(StoreResult.Offers.class);
            List<Offer> offers = ((StoreResult.Offers) result).offers();
            assertThat(offers).as(id).isNotEmpty().allSatisfy(o -> {
                assertThat(o.vendorId()).isEqualTo(id);
                assertThat(o.name()).containsIgnoringCase("licuadora");
                assertThat(o.price().currency().getCurrencyCode()).isEqualTo("GTQ");
                assertThat(o.url()).startsWith("http://127.0.0.1:");
                assertThat(o.imageUrl()).startsWith("data:image/svg+xml;base64,");
                assertThat(o.vendorProductId()).isNotBlank();
                assertThat(o.availability()).isNotEqualTo(gt.dondelocompro.domain.Availability.UNKNOWN);
            });
        }
    }

    @Test
    void a_search_with_no_matches_is_an_empty_result_on_every_working_platform() throws Exception {
        for (String id : List.of("demo-almacen", "demo-tienda", "demo-electro")) {
            StoreResult result = search(id, "iPhone");

            assertThat(result).as(id).isInstanceOfSatisfying(StoreResult.Offers.class,
                    o -> assertThat(o.offers()).as(id).isEmpty());
        }
    }

    @Test
    void the_broken_store_fails_with_http_status() throws Exception {
        StoreResult result = search("demo-caida", "licuadora");

        assertThat(result).isInstanceOfSatisfying(StoreResult.Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.HTTP_STATUS));
    }

    @Test
    void a_hostile_product_name_arrives_as_plain_text() throws Exception {
        for (String id : List.of("demo-almacen", "demo-tienda", "demo-electro")) {
            List<Offer> offers = ((StoreResult.Offers) search(id, "prueba seguridad")).offers();
            assertThat(offers).as(id).singleElement().satisfies(o -> assertThat(o.name()).isEqualTo("Prueba de seguridad <img src=x onerror=alert(1)>"));
        }
    }
}
