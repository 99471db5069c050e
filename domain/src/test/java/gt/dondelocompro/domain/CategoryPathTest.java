package gt.dondelocompro.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryPathTest {

    @Test
    void slashes_and_breadcrumb_arrows_are_the_same_separator_and_empty_levels_are_dropped() {
        assertThat(CategoryPath.parse("Electrodomésticos/Cocina/Licuadoras").orElseThrow().key())
                .isEqualTo("electrodomesticos/cocina/licuadoras");
        assertThat(CategoryPath.parse("/Electrodomésticos/ Cocina //Licuadoras/").orElseThrow())
                .isEqualTo(CategoryPath.parse("Electrodomésticos > Cocina > Licuadoras").orElseThrow());
        assertThat(CategoryPath.parse("Hogar » Cocina").orElseThrow().key()).isEqualTo("hogar/cocina");
    }

    @Test
    void names_keep_the_stores_words_and_slugs_fold_accents_case_and_punctuation() {
        CategoryPath path = CategoryPath.parse("  Línea   Blanca > Refrigeradoras & Congeladores ").orElseThrow();

        assertThat(path.levels()).containsExactly(new CategoryPath.Level("Línea Blanca", "linea-blanca"),
                new CategoryPath.Level("Refrigeradoras & Congeladores", "refrigeradoras-congeladores"));
        assertThat(CategoryPath.slug("¡Niños y Bebés!")).isEqualTo("ninos-y-bebes");
    }

    @Test
    void text_without_a_letter_or_digit_is_no_path_and_long_or_deep_paths_are_cut_to_what_the_table_holds() {
        assertThat(CategoryPath.parse(null)).isEmpty();
        assertThat(CategoryPath.parse(" / > // ")).isEmpty();
        assertThat(CategoryPath.parse("- / ***")).isEmpty();
        CategoryPath deep = CategoryPath.parse("a/b/c/d/e/f/g/h/i/j").orElseThrow();
        assertThat(deep.depth()).isEqualTo(CategoryPath.MAX_DEPTH);
        CategoryPath longName = CategoryPath.parse("x".repeat(150)).orElseThrow();
        assertThat(longName.leaf().name()).hasSize(100);
        assertThat(longName.leaf().slug()).hasSize(100);
    }
}
