package gt.dondelocompro.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GtinTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "4006381333931, 4006381333931",     // EAN-13
            "036000291452, 036000291452",       // UPC-A
            "96385074, 96385074",               // EAN-8
            "10036000291459, 10036000291459",   // GTIN-14
            "'4 006381 333931', 4006381333931", // spaced as printed
            "036000-291452, 036000291452",
            "4006381333932, null",              // wrong check digit: not trusted
            "400638133393, null",               // 12 digits, wrong check
            "12345, null",
            "40063813339A1, null",
            "0000000000000, null",
            "'', null",
            "null, null"})
    void only_codes_with_a_right_check_digit_are_kept(String raw, String expected) {
        assertThat(Gtin.valid(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"036000291452, 0036000291452", "0036000291452, 0036000291452"})
    void the_upc_and_the_ean_of_one_product_compare_equal(String a, String b) {
        assertThat(Gtin.canonical(a)).isEqualTo(Gtin.canonical(b)).hasSize(14);
    }
}
