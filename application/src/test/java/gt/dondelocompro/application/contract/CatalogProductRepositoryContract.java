package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.CatalogPriceHistory;
import gt.dondelocompro.domain.CatalogProduct;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.Vendor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of every {@code CatalogProductRepository}, driven through the recorder's writer: store products
 * whose identity is certain are linked, across searches and stores, to one catalog product per match key.
 */
public abstract class CatalogProductRepositoryContract extends PersistenceContract {

    private static final Instant DAY1 = Instant.parse("2026-11-01T12:00:00Z");
    private static final Instant DAY5 = Instant.parse("2026-11-05T12:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private static final String BLENDER_KEY = "bm:oster|blstkag";
    private static final String COFFEE_GTIN = "0034700014913";

    private static Offer blenderAt(Vendor store, String id, String name, String price) {
        return offer(store, id, name, price);
    }

    private static Offer coffeeMaker(Vendor store, String id, String name, String gtin, String price) {
        return offer(store, id, name, price).withIdentifiers(gtin, null, null);
    }

    private SearchSnapshot recorded(Instant at, Vendor store, Offer... offers) {
        SearchSnapshot search = SearchFixtures.search("licuadora oster").at(at).answered(store, offers).build();
        assertThat(persistence.record(search)).isTrue();
        return search;
    }

    private long productId(Vendor store, String id) {
        ProductKey key = new ProductKey(store.id(), id);
        return persistence.products().findProductIds(List.of(key)).get(key);
    }

    private long catalogId(String matchKey) {
        Long id = persistence.catalog().findIds(List.of(matchKey)).get(matchKey);
        assertThat(id).as("catalog product of %s", matchKey).isNotNull();
        return id;
    }

    @Test
    void the_same_brand_and_model_found_at_two_stores_by_two_searches_is_one_catalog_product_with_an_offer_per_store() {
        recorded(DAY1, CEMACO, blenderAt(CEMACO, "111", "Licuadora Oster BLSTKAG 600W", "499.00"));
        recorded(DAY5, ELEKTRA, blenderAt(ELEKTRA, "E-9", "LICUADORA OSTER BLSTKAG negra", "479.00"));

        long id = catalogId(BLENDER_KEY);
        CatalogProduct product = persistence.catalog().findById(id).orElseThrow();

        assertThat(product.id()).isEqualTo(id);
        assertThat(product.brand()).isEqualTo("Oster");
        assertThat(product.model()).isEqualTo("blstkag");
        assertThat(product.gtin()).isNull();
        assertThat(product.name()).isEqualTo("LICUADORA OSTER BLSTKAG negra"); // the latest seen
        assertThat(product.offers()).extracting(CatalogProduct.StoreOffer::vendorId).containsExactly("elektra", "cemaco");
        CatalogProduct.StoreOffer cemaco = product.offers().get(1);
        assertThat(cemaco.productId()).isEqualTo(productId(CEMACO, "111"));
        assertThat(cemaco.vendorName()).isEqualTo("Cemaco");
        assertThat(cemaco.vendorProductId()).isEqualTo("111");
        assertThat(cemaco.name()).isEqualTo("Licuadora Oster BLSTKAG 600W");
        assertThat(cemaco.url()).isEqualTo("https://www.cemaco.com/p/111");
        assertThat(cemaco.imageUrl()).isEqualTo("https://www.cemaco.com/img/111.jpg");
        assertThat(cemaco.price()).isEqualTo(Money.gtq("499.00"));
        assertThat(cemaco.availability()).isEqualTo(Availability.IN_STOCK);
        assertThat(product.offers().get(0).seenAt()).isAfter(cemaco.seenAt());
    }

    @Test
    void the_same_gtin_under_different_names_links_to_one_catalog_product_that_keeps_the_gtin() {
        recorded(DAY1, CEMACO, coffeeMaker(CEMACO, "c-1", "Cafetera Oster 5 tazas", "034700014913", "199.00"));
        recorded(DAY5, CURACAO, coffeeMaker(CURACAO, "k-77", "CAFETERA 5 TZ NEGRA", COFFEE_GTIN, "189.00"));

        long id = catalogId("gtin:" + COFFEE_GTIN);
        CatalogProduct product = persistence.catalog().findById(id).orElseThrow();

        assertThat(product.gtin()).isEqualTo(COFFEE_GTIN);
        assertThat(product.offers()).extracting(CatalogProduct.StoreOffer::productId)
                .containsExactly(productId(CURACAO, "k-77"), productId(CEMACO, "c-1"));
        assertThat(product.asOffer(product.offers().getFirst()).gtin()).isEqualTo(COFFEE_GTIN);
    }

    @Test
    void an_offer_whose_identity_is_not_certain_gets_no_catalog_product() {
        Offer noModel = offer(CEMACO, "222", "Licuadora de 3 velocidades", "299.00");
        Offer noBrand = Offer.of(CEMACO, "333", "Licuadora BLSTKAG", null, "https://www.cemaco.com/p/333", null,
                Money.gtq("310.00"), null, Availability.IN_STOCK);
        SearchSnapshot search = recorded(DAY1, CEMACO, noModel, noBrand, blenderAt(CEMACO, "111", "Licuadora Oster BLSTKAG", "499.00"));

        assertThat(persistence.catalog().findIds(List.of(BLENDER_KEY, "bm:oster|", "bm:|blstkag"))).containsOnlyKeys(BLENDER_KEY);
        CatalogProduct product = persistence.catalog().findById(catalogId(BLENDER_KEY)).orElseThrow();
        assertThat(product.offers()).extracting(CatalogProduct.StoreOffer::productId).containsExactly(productId(CEMACO, "111"));
        assertThat(persistence.searches().findById(search.id()).orElseThrow().offers()).hasSize(3);
    }

    @Test
    void saving_the_same_offers_again_changes_nothing_and_keeps_the_ids() {
        List<Offer> offers = List.of(blenderAt(CEMACO, "111", "Licuadora Oster BLSTKAG", "499.00"),
                coffeeMaker(CEMACO, "c-1", "Cafetera Oster 5 tazas", COFFEE_GTIN, "199.00"));
        Map<String, Long> first = persistence.transactions().inTransaction(() ->
                persistence.catalog().link(offers, persistence.products().saveOffers(offers, DAY1), DAY1));
        Map<String, Long> again = persistence.transactions().inTransaction(() ->
                persistence.catalog().link(offers, persistence.products().saveOffers(offers, DAY1), DAY1));

        assertThat(first).containsOnlyKeys(BLENDER_KEY, "gtin:" + COFFEE_GTIN).isEqualTo(again);
        assertThat(persistence.catalog().findIds(first.keySet())).isEqualTo(first);
        CatalogProduct blender = persistence.catalog().findById(first.get(BLENDER_KEY)).orElseThrow();
        assertThat(blender.offers()).hasSize(1);
        CatalogPriceHistory history = persistence.catalog().findPriceHistory(first.get(BLENDER_KEY), LONG_AGO).orElseThrow();
        assertThat(history.stores()).singleElement().satisfies(s -> assertThat(s.observations()).hasSize(1));
    }

    @Test
    void the_price_history_has_one_series_per_store_with_min_max_and_the_best_current_offer() {
        recorded(DAY1, CEMACO, blenderAt(CEMACO, "111", "Licuadora Oster BLSTKAG", "499.00"));
        recorded(DAY1.plusSeconds(60), ELEKTRA, blenderAt(ELEKTRA, "E-9", "Licuadora Oster BLSTKAG", "520.00"));
        recorded(DAY5, CEMACO, blenderAt(CEMACO, "111", "Licuadora Oster BLSTKAG", "459.00"));
        recorded(DAY5.plusSeconds(60), ELEKTRA, Offer.of(ELEKTRA, "E-9", "Licuadora Oster BLSTKAG", "Oster",
                "https://www.elektra.com.gt/p/E-9", null, Money.gtq("439.00"), null, Availability.OUT_OF_STOCK));
        long id = catalogId(BLENDER_KEY);

        CatalogPriceHistory all = persistence.catalog().findPriceHistory(id, LONG_AGO).orElseThrow();

        assertThat(all.catalogProductId()).isEqualTo(id);
        assertThat(all.stores()).extracting(CatalogPriceHistory.StoreSeries::vendorId).containsExactly("cemaco", "elektra");
        assertThat(all.stores().getFirst().observations()).extracting(o -> o.price().amount())
                .containsExactly(new BigDecimal("499.00"), new BigDecimal("459.00"));
        assertThat(all.stores().getLast().observations().getLast().availability()).isEqualTo(Availability.OUT_OF_STOCK);
        assertThat(all.min()).contains(Money.gtq("439.00"));
        assertThat(all.max()).contains(Money.gtq("520.00"));
        // Elektra is cheaper now, but out of stock
        assertThat(all.currentBest()).contains(new CatalogPriceHistory.StorePrice("cemaco", Money.gtq("459.00")));

        CatalogPriceHistory recent = persistence.catalog().findPriceHistory(id, DAY5).orElseThrow();
        assertThat(recent.stores()).allSatisfy(s -> assertThat(s.observations()).hasSize(1));
        CatalogPriceHistory none = persistence.catalog().findPriceHistory(id, DAY5.plusSeconds(3600)).orElseThrow();
        assertThat(none.stores()).isEmpty();
        assertThat(none.currentBest()).isEmpty();
    }

    @Test
    void an_unknown_catalog_product_has_no_page_and_no_history() {
        assertThat(persistence.catalog().findById(987_654L)).isEmpty();
        assertThat(persistence.catalog().findPriceHistory(987_654L, LONG_AGO)).isEmpty();
        assertThat(persistence.catalog().findIds(List.of())).isEmpty();
    }
}
