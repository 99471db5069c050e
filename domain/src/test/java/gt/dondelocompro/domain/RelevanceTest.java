package gt.dondelocompro.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class RelevanceTest {

    private static BigDecimal score(String query, String name) {
        return Relevance.score(SearchQuery.of(query), name);
    }

    @Test
    void an_accessory_ranks_below_the_thing_searched() {
        BigDecimal tv = score("televisor", "Televisor Samsung 55\" Smart TV 4K");
        BigDecimal mount = score("televisor", "Soporte para televisor de 32 a 70 pulgadas");

        assertThat(tv).isEqualByComparingTo("1.00");
        assertThat(mount).isLessThan(tv).isLessThan(Relevance.THRESHOLD);
    }

    @Test
    void accessories_are_relevant_when_they_are_what_was_asked_for() {
        assertThat(score("soporte televisor", "Soporte para televisor de 32 a 70 pulgadas")).isEqualByComparingTo("1.00");
        assertThat(score("funda iphone", "Funda de silicón para iPhone 15")).isEqualByComparingTo("1.00");
    }

    @Test
    void a_television_with_a_stand_included_stays_a_television() {
        assertThat(score("televisor", "Televisor LG 43 pulgadas con soporte de pared")).isGreaterThanOrEqualTo(Relevance.THRESHOLD);
    }

    @Test
    void accents_case_and_plurals_are_folded() {
        assertThat(score("LICUADORA óster", "Licuadora Oster 10 velocidades")).isEqualByComparingTo("1.00");
        assertThat(score("televisores", "Televisor Samsung")).isEqualByComparingTo("1.00");
    }

    @Test
    void partial_overlap_scores_between_zero_and_one() {
        assertThat(score("licuadora oster", "Licuadora Black+Decker")).isEqualByComparingTo("0.50");
        assertThat(score("licuadora oster", "Plancha de vapor")).isEqualByComparingTo("0.00");
    }

    @Test
    void an_accessory_named_after_the_thing_searched_scores_below_it_unless_an_accessory_is_asked_for() {
        SearchQuery licuadora = SearchQuery.of("licuadora");
        assertThat(Relevance.score(licuadora, "Licuadora Oster - vaso de repuesto")).isLessThan(Relevance.THRESHOLD);
        assertThat(Relevance.score(licuadora, "Licuadora Oster BLSTKAG 3 velocidades")).isEqualByComparingTo("1.00");
        assertThat(Relevance.score(SearchQuery.of("vaso licuadora oster"), "Licuadora Oster - vaso de repuesto"))
                .isEqualByComparingTo("1.00");
    }
}
