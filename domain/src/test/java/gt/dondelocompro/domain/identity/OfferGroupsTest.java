package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OfferGroupsTest {

    private static Offer offer(String store, String name, String price, Availability availability, String relevance) {
        return new Offer(store, store, name.hashCode() + "", name, null, "https://" + store + ".example/p", null,
                Money.gtq(price), null, availability, new BigDecimal(relevance));
    }

    private static Offer offer(String store, String name, String price) {
        return offer(store, name, price, Availability.IN_STOCK, "1.00");
    }

    @Test
    void one_product_at_three_stores_is_one_group_with_its_cheapest_and_saving() {
        List<Offer> offers = List.of(
                offer("cemaco", "Licuadora Oster 3 velocidades BLSTKAG", "449.00"),
                offer("curacao", "LICUADORA OSTER BLSTKAG-WBL 1.5L", "399.00"),
                offer("elektra", "Licuadora Oster Clásica BLSTKAG Negra", "425.50"));

        OfferGroups result = OfferGroups.of(offers);

        assertThat(result.groups()).hasSize(1);
        ProductGroup group = result.groups().get(0);
        assertThat(group.offers()).containsExactly(0, 1, 2);
        assertThat(group.stores()).containsExactly("cemaco", "curacao", "elektra");
        assertThat(group.cheapest()).isEqualTo(1);
        assertThat(group.priceMin()).isEqualTo(Money.gtq("399.00"));
        assertThat(group.priceMax()).isEqualTo(Money.gtq("449.00"));
        assertThat(group.saving()).isEqualTo(Money.gtq("50.00"));
        assertThat(group.brand()).isEqualTo("Oster");
        assertThat(group.model()).isEqualTo("blstkag");
        assertThat(group.matchKey()).isEqualTo("bm:oster|blstkag");
        assertThat(result.cheapest()).isEqualTo(1);
    }

    @Test
    void an_accessory_never_joins_the_product_it_is_for() {
        List<Offer> offers = List.of(
                offer("cemaco", "Licuadora Oster BLSTKAG", "449.00"),
                offer("curacao", "Vaso de repuesto para licuadora Oster BLSTKAG", "99.00", Availability.IN_STOCK, "0.40"),
                offer("elektra", "Licuadora Oster BLSTKAG-WBL", "430.00"));

        OfferGroups result = OfferGroups.of(offers);

        assertThat(result.groups()).extracting(ProductGroup::offers).containsExactly(List.of(0, 2), List.of(1));
        assertThat(result.cheapest()).isEqualTo(2);
    }

    @Test
    void out_of_stock_offers_are_members_but_not_counted_in_the_prices() {
        List<Offer> offers = List.of(
                offer("cemaco", "Licuadora Oster BLSTKAG", "349.00", Availability.OUT_OF_STOCK, "1.00"),
                offer("curacao", "Licuadora Oster BLSTKAG", "399.00"),
                offer("elektra", "Licuadora Oster BLSTKAG", "450.00", Availability.UNKNOWN, "1.00"));

        ProductGroup group = OfferGroups.of(offers).groups().get(0);

        assertThat(group.offers()).containsExactly(0, 1, 2);
        assertThat(group.cheapest()).isEqualTo(1);
        assertThat(group.priceMin()).isEqualTo(Money.gtq("399.00"));
        assertThat(group.saving()).isEqualTo(Money.gtq("51.00"));
    }

    @Test
    void when_every_offer_is_out_of_stock_all_count_and_the_search_has_no_cheapest() {
        List<Offer> offers = List.of(
                offer("cemaco", "Licuadora Oster BLSTKAG", "349.00", Availability.OUT_OF_STOCK, "1.00"),
                offer("curacao", "Licuadora Oster BLSTKAG", "399.00", Availability.OUT_OF_STOCK, "1.00"));

        OfferGroups result = OfferGroups.of(offers);

        assertThat(result.groups().get(0).cheapest()).isEqualTo(0);
        assertThat(result.groups().get(0).saving()).isEqualTo(Money.gtq("50.00"));
        assertThat(result.cheapest()).isNull();
    }

    @Test
    void groups_are_ordered_by_relevance_then_lowest_price_and_the_cheapest_comes_from_the_most_relevant() {
        List<Offer> offers = List.of(
                offer("a", "Vaso de repuesto para licuadora Oster", "59.00", Availability.IN_STOCK, "0.40"),
                offer("b", "Licuadora Oster BLSTMG 1200W", "899.00", Availability.IN_STOCK, "1.00"),
                offer("c", "Licuadora Oster BLSTKAG", "449.00", Availability.IN_STOCK, "1.00"),
                offer("d", "Licuadora Oster BLSTKAG", "439.00", Availability.IN_STOCK, "0.90"));

        OfferGroups result = OfferGroups.of(offers);

        assertThat(result.groups()).extracting(ProductGroup::offers)
                .containsExactly(List.of(2, 3), List.of(1), List.of(0));
        assertThat(result.cheapest()).isEqualTo(3);
    }

    @Test
    void a_chain_of_same_never_joins_offers_that_conflict() {
        // the bare A15 is SAME as both the 128 GB and the 256 GB one, which are DIFFERENT from each other
        List<Offer> offers = List.of(
                offer("a", "Samsung Galaxy A15 128GB", "1499.00"),
                offer("b", "Samsung Galaxy A15", "1399.00"),
                offer("c", "Samsung Galaxy A15 256GB", "1799.00"));

        OfferGroups result = OfferGroups.of(offers);

        assertThat(result.groups()).extracting(ProductGroup::offers)
                .containsExactlyInAnyOrder(List.of(0, 1), List.of(2));
    }

    @ParameterizedTest(name = "{0} and {1} stay apart")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Televisor Samsung 55" UN55DU7000  | Televisor Samsung 65" UN65DU7000
            Samsung Galaxy A15 128GB          | Samsung Galaxy A15 5G 128GB
            Pilas Duracell AA x4              | Pilas Duracell AA x8
            Licuadora Oster BLSTKAG           | Licuadora Oster
            """)
    void near_misses_are_separate_groups(String left, String right) {
        OfferGroups result = OfferGroups.of(List.of(offer("a", left, "100.00"), offer("b", right, "90.00")));

        assertThat(result.groups()).hasSize(2);
    }

    @Test
    void the_same_offers_in_the_same_order_always_give_the_same_groups() {
        List<Offer> offers = IdentityBenchmarkTest.catalogue(300, 15, new Random(3));
        List<Offer> shuffled = new ArrayList<>(offers);
        Collections.shuffle(shuffled, new Random(5));

        OfferGroups first = OfferGroups.of(offers);

        assertThat(OfferGroups.of(offers)).isEqualTo(first);
        assertThat(OfferGroups.of(List.copyOf(offers))).isEqualTo(first);
        // shuffled: the same partition of offers, whatever their positions
        assertThat(partition(OfferGroups.of(shuffled), shuffled)).isEqualTo(partition(first, offers));
    }

    @Test
    void no_offers_no_groups() {
        assertThat(OfferGroups.of(List.of())).isEqualTo(new OfferGroups(List.of(), null));
    }

    private static java.util.Set<java.util.Set<String>> partition(OfferGroups groups, List<Offer> offers) {
        java.util.Set<java.util.Set<String>> sets = new java.util.HashSet<>();
        for (ProductGroup group : groups.groups()) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            group.offers().forEach(i -> ids.add(offers.get(i).vendorProductId()));
            sets.add(ids);
        }
        return sets;
    }
}
