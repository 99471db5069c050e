package gt.dondelocompro.domain.identity;

import java.util.Optional;

/**
 * A GS1 trade item number whose check digit is right: EAN-8, UPC-A (12), EAN-13 or GTIN-14, held in one
 * form so the same product compares equal however a store wrote it. The form is the GTIN-14 zero-padded
 * number without its leading zero when it has one: UPC-A {@code 012345678905} and EAN-13
 * {@code 0012345678905} are both {@code 0012345678905}; a GTIN-14 with a packaging indicator (1-9) keeps
 * its 14 digits (a case of 12 is not the unit).
 */
public record Gtin(String value) {

    public Gtin {
        if (value == null || !(value.length() == 13 || value.length() == 14) || !value.chars().allMatch(Character::isDigit)
                || !checkDigitIsRight(value)) {
            throw new IllegalArgumentException("not a normalized GTIN: " + value);
        }
    }

    /**
     * The GTIN in {@code text} (spaces and hyphens allowed), or empty when it is absent, not 8/12/13/14
     * digits, all zeros, or its check digit is wrong: an invalid number is dropped, never trusted.
     */
    public static Optional<Gtin> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.strip().replace(" ", "").replace("-", "");
        int length = digits.length();
        if (!(length == 8 || length == 12 || length == 13 || length == 14)
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.chars().allMatch(c -> c == '0')
                || !checkDigitIsRight(digits)) {
            return Optional.empty();
        }
        String gtin14 = "0".repeat(14 - length) + digits;
        return Optional.of(new Gtin(gtin14.charAt(0) == '0' ? gtin14.substring(1) : gtin14));
    }

    /** GS1 mod-10: from the right, excluding the check digit, weights 3, 1, 3, 1 ... */
    static boolean checkDigitIsRight(String digits) {
        int sum = 0;
        int last = digits.length() - 1;
        for (int i = last - 1, position = 0; i >= 0; i--, position++) {
            int digit = digits.charAt(i) - '0';
            sum += position % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10 == digits.charAt(last) - '0';
    }

    @Override
    public String toString() {
        return value;
    }
}
