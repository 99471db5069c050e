package gt.dondelocompro.domain.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class GtinTest {

    @ParameterizedTest(name = "{0} is valid and normalizes to {1}")
    @CsvSource({
            "96385074,        0000096385074",   // EAN-8
            "034700014913,    0034700014913",   // UPC-A
            "0034700014913,   0034700014913",   // the same product as EAN-13
            "00034700014913,  0034700014913",   // and as GTIN-14 without indicator
            "7501000166138,   7501000166138",
            "4901556281942,   4901556281942",
            "750-1000-16613-8, 7501000166138",  // hyphens and spaces as stores print them
            "' 7891019378654 ', 7891019378654",
            "17501000166135,  17501000166135"   // GTIN-14 with packaging indicator 1: a case, kept as is
    })
    void valid_numbers_are_kept_in_one_form(String text, String normalized) {
        assertThat(Gtin.parse(text)).map(Gtin::value).contains(normalized);
    }

    @ParameterizedTest(name = "{0} is dropped")
    @ValueSource(strings = {
            "7501000166139",   // wrong check digit
            "034700014914",    // UPC-A, wrong check digit
            "96385075",        // EAN-8, wrong check digit
            "0000000000000",   // all zeros
            "12345",           // wrong length
            "123456789012345", // too long
            "75010001661A8",   // not digits
            "SKU-4455"})
    void invalid_numbers_are_dropped_not_trusted(String text) {
        assertThat(Gtin.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void no_number_is_no_gtin(String text) {
        assertThat(Gtin.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "UPC-A {0} equals EAN-13 {1}")
    @CsvSource({"034700014913, 0034700014913", "053891007573, 0053891007573", "021250001869, 0021250001869"})
    void upc_a_and_ean_13_of_one_product_compare_equal(String upcA, String ean13) {
        assertThat(Gtin.parse(upcA)).isEqualTo(Gtin.parse(ean13)).isPresent();
    }
}
