package gt.dondelocompro.bootstrap.demo;

import gt.dondelocompro.adapters.scraping.StoreCatalog;
import gt.dondelocompro.adapters.scraping.Stores;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.identity.OfferGroups;
import gt.dondelocompro.domain.identity.ProductGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo stores answer like the real platforms: the real store adapters read them, identifiers included, and the
 * identity rules group what they read as the demo catalogue means it (one product at three stores, near-misses apart).
 */
class DemoStoresThroughAdaptersTest {

    private static final List<String> WORKING = List.of("demo-almacen", "demo-tienda", "demo-electro", "demo-lenta", "demo-hogar");

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
        for (String id : WORKING) {
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
        for (String id : WORKING) {
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
        for (String id : List.of("demo-almacen", "demo-tienda", "demo-electro", "demo-hogar")) {
            List<Offer> offers = ((StoreResult.Offers) search(id, "prueba seguridad")).offers();
            assertThat(offers).as(id).singleElement().satisfies(o -> assertThat(o.name()).isEqualTo("Prueba de seguridad <img src=x onerror=alert(1)>"));
        }
    }

    /** Every working store's offers for {@code query}, scored as the service scores them. */
    private List<Offer> offersEverywhere(String query) throws InterruptedException {
        List<Offer> offers = new ArrayList<>();
        for (String id : WORKING) {
            StoreResult result = search(id, query);
            assertThat(result).as(id).isInstanceOf(StoreResult.Offers.class);
            ((StoreResult.Offers) result).offers().forEach(o -> offers.add(o.scoredFor(SearchQuery.of(query))));
        }
        return offers;
    }

    /** The groups holding the offers that {@code which} picks (at least one must match). */
    private static List<ProductGroup> groupsOf(OfferGroups grouped, List<Offer> offers, Predicate<Offer> which) {
        List<ProductGroup> groups = grouped.groups().stream()
                .filter(g -> g.offers().stream().anyMatch(i -> which.test(offers.get(i)))).toList();
        assertThat(groups).as("groups of the offers asked for").isNotEmpty();
        return groups;
    }

    private static Predicate<Offer> named(String start) {
        return o -> o.name().startsWith(start);
    }

    @Test
    void every_platform_reads_the_blender_s_model_and_the_three_stores_that_sell_it_form_one_group() throws Exception {
        List<Offer> offers = offersEverywhere("licuadora oster");
        Predicate<Offer> blender = o -> o.vendorProductId().equals("DLC-001") || o.vendorProductId().equals("BLSTKAG");

        assertThat(offers).filteredOn(blender).extracting(Offer::vendorId, Offer::model)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("demo-almacen", "BLSTKAG"),
                        org.assertj.core.groups.Tuple.tuple("demo-tienda", "BLSTKAG"));
        assertThat(offers).filteredOn(o -> o.vendorId().equals("demo-electro") && o.name().contains("BLSTKAG-WBL"))
                .singleElement().satisfies(o -> assertThat(o.model()).isEqualTo("BLSTKAG-WBL"));
        assertThat(offers).filteredOn(o -> o.vendorId().equals("demo-almacen") && o.vendorProductId().equals("DLC-001"))
                .singleElement().satisfies(o -> assertThat(o.category()).isEqualTo("Cocina > Licuadoras"));

        OfferGroups grouped = OfferGroups.of(offers);
        Predicate<Offer> anyBlender = blender.or(o -> o.name().contains("BLSTKAG-WBL"));
        ProductGroup group = groupsOf(grouped, offers, anyBlender).getFirst();
        assertThat(groupsOf(grouped, offers, anyBlender)).hasSize(1);
        assertThat(group.stores()).containsExactlyInAnyOrder("demo-almacen", "demo-tienda", "demo-electro");
        assertThat(group.offers()).hasSize(3).allSatisfy(i -> assertThat(offers.get(i).name()).doesNotStartWith("Vaso"));
        // the out-of-stock offer at Electro is the lowest price but not the cheapest one can buy
        assertThat(offers.get(group.cheapest()).vendorId()).isEqualTo("demo-tienda");
        assertThat(group.priceMin().amount()).isEqualByComparingTo("483.99");
        assertThat(group.saving().amount()).isEqualByComparingTo("15.01");
        // the spare jar that names the blender's code is never in the blender's group, nor the search's cheapest;
        // by its own part number it is one product at the stores that print its brand (Magento's listing prints
        // none, and an accessory's brand is not read from the product it is for: unsure, so apart)
        List<ProductGroup> jars = groupsOf(grouped, offers, named("Vaso de repuesto"));
        assertThat(jars).allSatisfy(g ->
                assertThat(g.offers()).allSatisfy(i -> assertThat(offers.get(i).name()).startsWith("Vaso de repuesto")));
        assertThat(jars).extracting(ProductGroup::stores).containsExactlyInAnyOrder(
                List.of("demo-almacen", "demo-tienda", "demo-lenta", "demo-hogar"), List.of("demo-electro"));
        assertThat(offers.get(grouped.cheapest()).name()).doesNotStartWith("Vaso");
    }

    @Test
    void phones_of_one_model_join_across_colours_but_not_across_storage_and_their_case_stays_apart() throws Exception {
        List<Offer> offers = offersEverywhere("samsung galaxy a15");
        OfferGroups grouped = OfferGroups.of(offers);

        List<ProductGroup> small = groupsOf(grouped, offers, o -> o.name().contains("A15 128 GB"));
        assertThat(small).as("black and blue 128 GB are one product").singleElement().satisfies(g -> {
            assertThat(g.stores()).containsExactlyInAnyOrderElementsOf(WORKING);
            assertThat(g.offers()).extracting(i -> offers.get(i).name())
                    .contains("Celular Samsung Galaxy A15 128 GB negro", "Celular Samsung Galaxy A15 128 GB azul");
        });
        assertThat(groupsOf(grouped, offers, o -> o.name().contains("A15 256 GB"))).singleElement()
                .satisfies(g -> assertThat(g.offers()).allSatisfy(i -> assertThat(offers.get(i).name()).contains("256 GB")));
        assertThat(groupsOf(grouped, offers, named("Funda"))).allSatisfy(g ->
                assertThat(g.offers()).allSatisfy(i -> assertThat(offers.get(i).name()).startsWith("Funda")));
    }

    @Test
    void televisions_of_one_family_in_two_sizes_are_two_products_each_at_every_store() throws Exception {
        List<Offer> offers = offersEverywhere("televisor samsung");
        OfferGroups grouped = OfferGroups.of(offers);

        for (String size : List.of("55\"", "65\"")) {
            assertThat(groupsOf(grouped, offers, o -> o.name().contains(size))).as(size).singleElement().satisfies(g -> {
                assertThat(g.stores()).containsExactlyInAnyOrderElementsOf(WORKING);
                assertThat(g.offers()).allSatisfy(i -> assertThat(offers.get(i).name()).contains(size));
            });
        }
    }

    @Test
    void gtins_are_read_where_the_platform_prints_them_and_join_the_product() throws Exception {
        List<Offer> offers = offersEverywhere("sony"); // one word: a store without it answers nothing, not a relaxed query

        assertThat(offers).extracting(Offer::vendorId, Offer::gtin).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("demo-almacen", "2000000018010"),
                org.assertj.core.groups.Tuple.tuple("demo-lenta", "2000000018010"),
                org.assertj.core.groups.Tuple.tuple("demo-hogar", "2000000018010"));
        assertThat(OfferGroups.of(offers).groups()).singleElement()
                .satisfies(g -> assertThat(g.gtin()).isEqualTo("2000000018010"));
    }

    @Test
    void the_doofinder_store_is_read_with_brand_model_category_and_a_list_price() throws Exception {
        List<Offer> offers = ((StoreResult.Offers) search("demo-hogar", "celular samsung")).offers();

        assertThat(offers).isNotEmpty().allSatisfy(o -> {
            assertThat(o.brand()).isEqualTo("Samsung");
            assertThat(o.category()).isEqualTo("Celulares");
            assertThat(o.listPrice().amount()).isGreaterThan(o.price().amount());
        });
        assertThat(offers).extracting(Offer::model).contains("SM-A155M/DS", "SM-A155M");
        assertThat(offers).extracting(o -> o.price().amount()).allSatisfy(p -> assertThat(p).isGreaterThan(BigDecimal.ONE));
    }
}
