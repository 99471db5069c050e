package gt.dondelocompro.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfferLimitsTest {

    private static final Vendor CEMACO = Vendor.of("cemaco", "Cemaco");

    private static Offer offer(String productId, String name, String price) {
        return Offer.of(CEMACO, productId, name, "Oster", "https://www.cemaco.com/p/1", null, Money.gtq(price), null,
                Availability.IN_STOCK);
    }

    @Test
    void an_ordinary_offer_has_no_problem() {
        assertThat(OfferLimits.problems(offer("111", "Licuadora Oster", "349.00"))).isEmpty();
        assertThat(OfferLimits.problems(offer("x".repeat(1024), "Licuadora", "9999999999.99"))).isEmpty();
    }

    @Test
    void a_nul_in_the_name_is_a_problem() {
        assertThat(OfferLimits.problems(offer("111", "Licua\u0000dora", "349.00")))
                .singleElement().satisfies(p -> assertThat(p).startsWith("name ").contains("NUL"));
    }

    @Test
    void a_price_of_ten_billion_or_more_does_not_fit_numeric_12_2() {
        assertThat(OfferLimits.problems(offer("111", "Licuadora", "99999999999.99")))
                .singleElement().satisfies(p -> assertThat(p).startsWith("price 99999999999.99"));
        assertThat(OfferLimits.problems(offer("111", "Licuadora", "10000000000"))).hasSize(1);
        Offer withListPrice = Offer.of(CEMACO, "111", "Licuadora", null, "https://x", null, Money.gtq("1.00"),
                Money.gtq("10000000000.00"), Availability.UNKNOWN);
        assertThat(OfferLimits.problems(withListPrice)).singleElement().satisfies(p -> assertThat(p).startsWith("list_price"));
    }

    @Test
    void a_store_product_id_longer_than_the_column_is_a_problem() {
        assertThat(OfferLimits.problems(offer("x".repeat(5000), "Licuadora", "1.00")))
                .singleElement().satisfies(p -> assertThat(p).startsWith("vendor_product_id has 5000 characters"));
    }

    @Test
    void every_problem_of_an_offer_is_named() {
        Offer bad = new Offer("v".repeat(51), "n".repeat(101), "\uD800", "a\u0000", "b\uDC00", "https://x\u0000", "i\u0000",
                Money.gtq("10000000000"), null, null, null);
        assertThat(OfferLimits.problems(bad)).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactlyInAnyOrder("vendor_id", "vendor_name", "vendor_product_id", "name", "brand", "url", "image_url", "price");
    }
}
