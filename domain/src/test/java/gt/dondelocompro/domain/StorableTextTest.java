package gt.dondelocompro.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    private static final String PAIR = "\uD83D\uDE00"; // 😀, one code point in two chars

    @Test
    void clean_removes_nul_and_other_control_characters_but_keeps_tab_and_line_breaks() {
        assertThat(StorableText.clean("Licua\u0000dora\u0007 Oster\u007F\u0085")).isEqualTo("Licuadora Oster");
        assertThat(StorableText.clean("uno\tdos\ntres\r\n")).isEqualTo("uno\tdos\ntres\r\n");
    }

    @Test
    void clean_removes_a_lone_high_or_low_surrogate_and_keeps_a_valid_pair() {
        assertThat(StorableText.clean("a\uD83Db")).isEqualTo("ab");
        assertThat(StorableText.clean("a\uDE00b")).isEqualTo("ab");
        assertThat(StorableText.clean("fin\uD83D")).isEqualTo("fin");
        assertThat(StorableText.clean("\uDE00\uD83D")).isEmpty();
        assertThat(StorableText.clean("feliz " + PAIR + " día")).isEqualTo("feliz " + PAIR + " día");
        assertThat(StorableText.clean("\uD83D" + PAIR)).isEqualTo(PAIR);
    }

    @Test
    void clean_leaves_good_text_and_null_alone() {
        String good = "Licuadora Oster 10 velocidades, ñandú";
        assertThat(StorableText.clean(good)).isSameAs(good);
        assertThat(StorableText.clean(null)).isNull();
    }

    @Test
    void clean_with_a_length_cuts_characters_as_varchar_counts_them_never_half_a_pair() {
        assertThat(StorableText.clean("abc\u0000def", 4)).isEqualTo("abcd");
        assertThat(StorableText.clean("ab" + PAIR + "cd", 3)).isEqualTo("ab" + PAIR);
        assertThat(StorableText.clean("ab" + PAIR, 2)).isEqualTo("ab");
        assertThat(StorableText.clean("abc", 10)).isEqualTo("abc");
        assertThat(StorableText.length("x" + PAIR)).isEqualTo(2);
    }

    @Test
    void problem_names_nul_and_lone_surrogates_and_accepts_pairs_and_other_controls() {
        assertThat(StorableText.problem("a\u0000b")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
        assertThat(StorableText.problem("a\uD83D")).hasValueSatisfying(p -> assertThat(p).contains("lone surrogate U+D83D"));
        assertThat(StorableText.problem("\uDE00a")).hasValueSatisfying(p -> assertThat(p).contains("U+DE00"));
        assertThat(StorableText.problem("ok " + PAIR + "\u0007")).isEmpty();
        assertThat(StorableText.problem(null)).isEmpty();
    }

    @Test
    void what_clean_returns_has_no_problem() {
        String nasty = "\u0000\uD800x\uDFFF" + PAIR + "\u0001\uDBFF";
        assertThat(StorableText.problem(StorableText.clean(nasty))).isEmpty();
        assertThat(StorableText.clean(nasty)).isEqualTo("x" + PAIR);
    }
}
