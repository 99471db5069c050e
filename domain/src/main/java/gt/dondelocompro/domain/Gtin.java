package gt.dondelocompro.domain;

/**
 * A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) as stores give it: digits, with its check digit verified. A code that
 * fails the check is not an identity and is dropped, never trusted. {@link #canonical(String)} pads to 14 digits,
 * so the UPC-A and the EAN-13 of one product compare equal.
 */
public final class Gtin {

    private Gtin() {
    }

    /** The digits of a valid GTIN (spaces and hyphens removed), or null when {@code raw} is none. */
    public static String valid(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.strip().replace(" ", "").replace("-", "");
        int n = digits.length();
        if ((n != 8 && n != 12 && n != 13 && n != 14) || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        if (digits.chars().allMatch(c -> c == '0')) {
            return null;
        }
        int sum = 0;
        // from the right, excluding the check digit: weights 3, 1, 3, 1 ...
        for (int i = n - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (digits.charAt(i) - '0') * weight;
        }
        int check = (10 - sum % 10) % 10;
        return check == digits.charAt(n - 1) - '0' ? digits : null;
    }

    /** The 14-digit form of a valid GTIN, for comparing; null when it is not valid. */
    public static String canonical(String raw) {
        String digits = valid(raw);
        return digits == null ? null : "0".repeat(14 - digits.length()) + digits;
    }
}
