package gt.dondelocompro.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchQueryTest {

    @Test
    void spacing_case_and_accents_do_not_make_a_different_query() {
        SearchQuery a = SearchQuery.of("Licuadora  OSTER");
        SearchQuery b = SearchQuery.of("  licuadora oster ");
        SearchQuery c = SearchQuery.of("Licuadora \u00a0  Óster");

        assertThat(a.normalized()).isEqualTo("licuadora oster");
        assertThat(b.normalized()).isEqualTo(a.normalized());
        assertThat(c.normalized()).isEqualTo(a.normalized());
    }

    @Test
    void the_original_text_is_kept_for_display_trimmed() {
        assertThat(SearchQuery.of("  Televisor Señal 4K ").original()).isEqualTo("Televisor Señal 4K");
        assertThat(SearchQuery.of("Niño").normalized()).isEqualTo("nino");
    }

    @Test
    void a_blank_query_is_refused_naming_the_field() {
        assertThatThrownBy(() -> SearchQuery.of("   ")).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("query"));
        assertThatThrownBy(() -> SearchQuery.of(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void a_query_longer_than_200_characters_after_trimming_is_refused() {
        assertThat(SearchQuery.of("  " + "a".repeat(200) + "  ").original()).hasSize(200);
        assertThatThrownBy(() -> SearchQuery.of("a".repeat(201))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("200");
    }

    @Test
    void control_characters_are_refused() {
        assertThatThrownBy(() -> SearchQuery.of("tele\u0000visor")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("control");
        assertThatThrownBy(() -> SearchQuery.of("tele\nvisor")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void tokens_are_the_normalized_words() {
        assertThat(SearchQuery.of("Samsung A15, 128GB").tokens()).containsExactly("samsung", "a15", "128gb");
    }
}
