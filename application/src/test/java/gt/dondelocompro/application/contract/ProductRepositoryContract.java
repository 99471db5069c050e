package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.UnsaveableDataException;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceHistory;
import gt.dondelocompro.domain.SearchSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of every {@code ProductRepository}: one product per store product, one price per sighting. */
public abstract class ProductRepositoryContract extends PersistenceContract {

    private static final Instant DAY1 = Instant.parse("2026-11-01T12:00:00Z");
    private static final Instant DAY5 = Instant.parse("2026-11-05T12:00:00Z");
    private static final Instant DAY9 = Instant.parse("2026-11-09T12:00:00Z");

    @Test
    void offers_the_schema_cannot_hold_are_refused_as_unsaveable_and_nothing_of_the_call_is_kept() {
        Offer good = offer(CEMACO, "111", "Licuadora Oster", "499.00");
        List<Offer> bad = List.of(offer(CEMACO, "222", "Licua\u0000dora", "1.00"), offer(CEMACO, "333", "Licuadora", "99999999999.99"),
                offer(ELEKTRA, "x".repeat(5000), "Licuadora", "1.00"), offer(CEMACO, "444", "Licuadora \uD83D", "1.00"));

        for (Offer offer : bad) {
            assertThatThrownBy(() -> persistence.transactions().run(() -> persistence.products().saveOffers(List.of(good, offer), DAY1)))
                    .as(offer.name()).isInstanceOf(UnsaveableDataException.class);
        }

        assertThat(persistence.products().findProductIds(List.of(new ProductKey("cemaco", "111")))).isEmpty();
    }

    @Test
    void two_searches_finding_the_same_product_share_one_product_and_add_two_prices() {
        SearchSnapshot first = SearchFixtures.search("licuadora").at(DAY1).answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "499.00")).build();
        SearchSnapshot second = SearchFixtures.search("licuadora oster").at(DAY5).answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "459.00")).build();

        persistence.record(first);
        persistence.record(second);

        long id = idOf(new ProductKey("cemaco", "111"));
        PriceHistory history = persistence.products().priceHistory(id, DAY1.minus(Duration.ofDays(1))).orElseThrow();
        assertThat(history.observations()).extracting(o -> o.price().amount()).containsExactly(new BigDecimal("499.00"), new BigDecimal("459.00"));
    }

    @Test
    void price_history_gives_min_max_current_and_change_within_the_period() {
        Map<ProductKey, Long> ids = persistence.transactions().inTransaction(() ->
                persistence.products().saveOffers(List.of(offer(CEMACO, "111", "Licuadora Oster", "499.00")), DAY1));
        persistence.transactions().run(() -> persistence.products().saveOffers(List.of(offer(CEMACO, "111", "Licuadora Oster", "399.99")), DAY5));
        persistence.transactions().run(() -> persistence.products().saveOffers(List.of(offer(CEMACO, "111", "Licuadora Oster", "449.50")), DAY9));
        long id = ids.get(new ProductKey("cemaco", "111"));

        PriceHistory all = persistence.products().priceHistory(id, DAY1).orElseThrow();
        assertThat(all.productId()).isEqualTo(id);
        assertThat(all.min()).contains(Money.gtq("399.99"));
        assertThat(all.max()).contains(Money.gtq("499.00"));
        assertThat(all.current()).contains(Money.gtq("449.50"));
        assertThat(all.change()).contains(new BigDecimal("-49.50"));
        assertThat(all.observations().getFirst().scrapedAt()).isEqualTo(DAY1);
        assertThat(all.observations().getFirst().availability()).isEqualTo(Availability.IN_STOCK);

        PriceHistory recent = persistence.products().priceHistory(id, DAY5).orElseThrow();
        assertThat(recent.observations()).hasSize(2);
    }

    @Test
    void an_unknown_product_has_no_history_and_a_known_one_without_recent_prices_has_an_empty_one() {
        assertThat(persistence.products().priceHistory(987_654L, DAY1)).isEmpty();
        long id = persistence.transactions().inTransaction(() ->
                persistence.products().saveOffers(List.of(offer(CEMACO, "111", "Licuadora", "10.00")), DAY1)).values().iterator().next();
        PriceHistory none = persistence.products().priceHistory(id, DAY9).orElseThrow();
        assertThat(none.observations()).isEmpty();
        assertThat(none.current()).isEmpty();
    }

    @Test
    void a_product_a_store_lists_twice_in_one_search_is_one_product_with_one_price_for_that_moment() {
        SearchSnapshot search = SearchFixtures.search("licuadora").at(DAY1)
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "499.00"), offer(CEMACO, "111", "Licuadora Oster", "499.00"))
                .build();

        persistence.record(search);

        long id = idOf(new ProductKey("cemaco", "111"));
        assertThat(persistence.products().priceHistory(id, DAY1.minus(Duration.ofDays(1))).orElseThrow().observations()).hasSize(1);
        assertThat(persistence.searches().findById(search.id()).orElseThrow().offers()).hasSize(2);
    }

    @Test
    void the_same_store_product_id_at_two_stores_is_two_products() {
        Map<ProductKey, Long> ids = persistence.transactions().inTransaction(() -> persistence.products().saveOffers(
                List.of(offer(CEMACO, "111", "Licuadora", "10.00"), offer(ELEKTRA, "111", "Licuadora", "12.00")), DAY1));
        assertThat(ids).hasSize(2);
        assertThat(ids.get(new ProductKey("cemaco", "111"))).isNotEqualTo(ids.get(new ProductKey("elektra", "111")));
    }

    @Test
    void an_offer_without_a_store_product_id_keeps_its_history_on_one_product_derived_from_its_url() {
        Offer first = Offer.of(CEMACO, null, "Licuadora", null, "https://www.cemaco.com/licuadora-oster/p?utm=a#top", null,
                Money.gtq("10.00"), null, Availability.UNKNOWN);
        Offer second = Offer.of(CEMACO, "", "Licuadora Oster", null, "https://WWW.CEMACO.COM/licuadora-oster/p/?utm=b", null,
                Money.gtq("11.00"), Money.gtq("15.00"), Availability.IN_STOCK);

        Map<ProductKey, Long> a = persistence.transactions().inTransaction(() -> persistence.products().saveOffers(List.of(first), DAY1));
        Map<ProductKey, Long> b = persistence.transactions().inTransaction(() -> persistence.products().saveOffers(List.of(second), DAY5));

        assertThat(a.keySet()).isEqualTo(b.keySet());
        assertThat(List.copyOf(a.values())).isEqualTo(List.copyOf(b.values()));
        assertThat(persistence.products().priceHistory(a.values().iterator().next(), DAY1).orElseThrow().observations()).hasSize(2);
    }

    @Test
    void the_ids_of_many_products_come_in_one_lookup_and_unknown_ones_are_absent() {
        Offer byUrl = Offer.of(CEMACO, null, "Licuadora", null, "https://www.cemaco.com/licuadora-oster/p?utm=a", null,
                Money.gtq("10.00"), null, Availability.UNKNOWN);
        Map<ProductKey, Long> saved = persistence.transactions().inTransaction(() -> persistence.products().saveOffers(
                List.of(offer(CEMACO, "111", "Licuadora", "10.00"), offer(ELEKTRA, "111", "Licuadora", "12.00"), byUrl), DAY1));
        ProductKey unknown = new ProductKey("cemaco", "999");

        Map<ProductKey, Long> found = persistence.products().findProductIds(List.of(
                new ProductKey("cemaco", "111"), new ProductKey("elektra", "111"), ProductKey.of(byUrl), unknown));

        assertThat(found).isEqualTo(saved).doesNotContainKey(unknown);
        assertThat(found).containsKey(new ProductKey("cemaco", "url:https://www.cemaco.com/licuadora-oster/p"));
        assertThat(persistence.products().findProductIds(List.of())).isEmpty();
    }

    private long idOf(ProductKey key) {
        Long id = persistence.products().findProductIds(List.of(key)).get(key);
        assertThat(id).as("id of %s", key).isNotNull();
        return id;
    }
}
