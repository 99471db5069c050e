package gt.dondelocompro.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads prices as Guatemalan stores print them: {@code Q1,299.00}, {@code Q 1.299,00}, {@code GTQ 1299},
 * {@code Q1,299}, {@code 1.299}, {@code $25.99}, {@code Q.1,299.00}. The digits go straight into a
 * {@link BigDecimal}, never through {@code double}. Text it cannot read unambiguously is refused with an
 * {@link InvalidValueException} on field {@code price}, never guessed.
 *
 * <p>A single separator followed by exactly three digits is a thousands separator ({@code 1.299} is
 * one thousand two hundred ninety-nine), as stores here print whole quetzales that way; followed by one or
 * two digits it is the decimal separator.
 */
public final class PriceParser {

    // longest first, so that "GTQ" wins over "Q" and "US$" over "$"
    private static final List<Map.Entry<String, String>> SYMBOLS = List.of(
            Map.entry("GTQ", "GTQ"), Map.entry("USD", "USD"), Map.entry("US$", "USD"),
            Map.entry("EUR", "EUR"), Map.entry("Q.", "GTQ"), Map.entry("Q", "GTQ"),
            Map.entry("$", "USD"), Map.entry("€", "EUR"));

    private static final Pattern NUMBER = Pattern.compile("[0-9][0-9., '\u00a0\u202f]*");
    private static final Pattern GROUP_SEPARATORS = Pattern.compile("[ '\u00a0\u202f]");
    private static final Pattern GROUPED = Pattern.compile("[0-9]{1,3}(\\|[0-9]{3})*");

    private final Currency defaultCurrency;

    public PriceParser(Currency defaultCurrency) {
        this.defaultCurrency = Objects.requireNonNull(defaultCurrency, "defaultCurrency");
    }

    /** A parser for prices without a symbol in quetzales. */
    public static PriceParser quetzales() {
        return new PriceParser(Money.GTQ);
    }

    public Money parse(String text) {
        if (text == null || text.isBlank()) {
            throw refuse(text, "it is empty");
        }
        String rest = text.replace('\u00a0', ' ').replace('\u202f', ' ').strip();
        Currency currency = null;
        for (var symbol : SYMBOLS) {
            String s = symbol.getKey();
            if (rest.toUpperCase(Locale.ROOT).startsWith(s)) {
                currency = Currency.getInstance(symbol.getValue());
                rest = rest.substring(s.length()).strip();
                break;
            }
            if (rest.toUpperCase(Locale.ROOT).endsWith(s) && rest.length() > s.length()) {
                currency = Currency.getInstance(symbol.getValue());
                rest = rest.substring(0, rest.length() - s.length()).strip();
                break;
            }
        }
        if (!NUMBER.matcher(rest).matches()) {
            throw refuse(text, "it is not a single positive number with an optional currency symbol");
        }
        String number = GROUP_SEPARATORS.matcher(rest).replaceAll("|");
        return new Money(toDecimal(text, number), currency == null ? defaultCurrency : currency);
    }

    private static BigDecimal toDecimal(String original, String number) {
        int lastDot = number.lastIndexOf('.');
        int lastComma = number.lastIndexOf(',');
        String integerPart;
        String fraction = "";
        if (lastDot >= 0 && lastComma >= 0) {
            int decimalAt = Math.max(lastDot, lastComma);
            char thousands = decimalAt == lastDot ? ',' : '.';
            integerPart = number.substring(0, decimalAt).replace(thousands, '|');
            fraction = number.substring(decimalAt + 1);
            if (fraction.isEmpty() || fraction.length() > 2 || !fraction.chars().allMatch(Character::isDigit)) {
                throw refuse(original, "the decimals after '" + number.charAt(decimalAt) + "' are not 1 or 2 digits");
            }
        } else if (lastDot >= 0 || lastComma >= 0) {
            char separator = lastDot >= 0 ? '.' : ',';
            int first = number.indexOf(separator);
            int last = number.lastIndexOf(separator);
            int digitsAfter = number.length() - last - 1;
            if (first != last || (digitsAfter == 3 && !number.substring(0, last).equals("0"))) {
                integerPart = number.replace(separator, '|');
            } else if (digitsAfter == 1 || digitsAfter == 2) {
                integerPart = number.substring(0, last);
                fraction = number.substring(last + 1);
            } else {
                throw refuse(original, "'" + separator + "' is followed by " + digitsAfter + " digits: neither decimals nor thousands");
            }
        } else {
            integerPart = number;
        }
        if (integerPart.contains("|") && !GROUPED.matcher(integerPart).matches()) {
            throw refuse(original, "its thousands separators are not in groups of three digits");
        }
        if (integerPart.contains(".") || integerPart.contains(",")) {
            throw refuse(original, "it mixes separators");
        }
        String digits = integerPart.replace("|", "");
        return new BigDecimal(fraction.isEmpty() ? digits : digits + "." + fraction);
    }

    private static InvalidValueException refuse(String text, String why) {
        return new InvalidValueException("price", "cannot read a price from '" + text + "': " + why);
    }
}
