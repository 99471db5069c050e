package gt.dondelocompro.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceParserTest {

    private final PriceParser parser = PriceParser.quetzales();

    @ParameterizedTest(name = "''{0}'' is {2} {1}")
    @CsvSource(delimiter = '|', value = {
            "Q1,299.00    | 1299.00 | GTQ",
            "Q 1.299,00   | 1299.00 | GTQ",
            "GTQ 1299     | 1299.00 | GTQ",
            "Q1,299       | 1299.00 | GTQ",
            "1.299        | 1299.00 | GTQ",
            "$25.99       | 25.99   | USD",
            "Q.1,299.00   | 1299.00 | GTQ",
            "Q 25         | 25.00   | GTQ",
            "Q25.5        | 25.50   | GTQ",
            "Q 0,99       | 0.99    | GTQ",
            "Q1,234,567.89| 1234567.89 | GTQ",
            "1.234.567,89 | 1234567.89 | GTQ",
            "1 299,00 Q   | 1299.00 | GTQ",
            "US$ 1,050    | 1050.00 | USD",
            "gtq 12.30    | 12.30   | GTQ",
            "Q\u00a01\u00a0299.00 | 1299.00 | GTQ",
            "99999999999999999999.99 | 99999999999999999999.99 | GTQ",
    })
    void reads_the_formats_stores_print(String text, String amount, String currency) {
        Money money = parser.parse(text);

        assertThat(money.amount()).isEqualByComparingTo(amount);
        assertThat(money.amount().scale()).isEqualTo(2);
        assertThat(money.currency().getCurrencyCode()).isEqualTo(currency);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "   ", "Q", "gratis", "Q-10.00", "-5", "Q10 - Q20", "1.2.3", "12,3456", "1,29,900",
            "Q1,299.00.00", "1.299,00.5", "Q 1.299,0000", "abc123", "12e3", "Q 1299 Q", "∞", "0.299"})
    void refuses_what_it_cannot_read(String text) {
        assertThatThrownBy(() -> parser.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("price")
                .hasMessageContaining("cannot read a price");
    }

    @org.junit.jupiter.api.Test
    void refuses_null_with_a_clear_message() {
        assertThatThrownBy(() -> parser.parse(null)).isInstanceOf(InvalidValueException.class).hasMessageContaining("empty");
    }

    @org.junit.jupiter.api.Test
    void never_goes_through_double() {
        // 0.1 + 0.2 style noise would show here if a double were involved
        assertThat(parser.parse("Q 1,000,000,000,000,000.10").amount().toPlainString()).isEqualTo("1000000000000000.10");
    }
}
