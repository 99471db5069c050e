package gt.dondelocompro.domain;

import java.util.Optional;

/**
 * Text as the store of record can hold it faithfully. PostgreSQL refuses a NUL character in {@code text}
 * and {@code jsonb}, and a lone UTF-16 surrogate (half of a pair) cannot be encoded as UTF-8, so it would be
 * stored as {@code ?} and no longer equal what was shown. Store adapters clean what they read at the border
 * with {@link #clean}; persistence checks with {@link #problem} ({@link OfferLimits} for whole offers).
 */
public final class StorableText {

    private StorableText() {
    }

    /**
     * The text without NUL, other control characters (C0 but tab, line feed and carriage return; DEL; C1) and
     * lone surrogates; valid surrogate pairs (emoji and the like) are kept. Null stays null.
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            boolean drop = !pair && (Character.isSurrogate(c) || isUnwantedControl(c));
            if (drop && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (!drop && out != null) {
                out.append(c);
                if (pair) {
                    out.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@link #clean(String)}, then at most {@code maxLength} characters as {@code varchar(n)} counts them (code points), never splitting a pair. */
    public static String clean(String text, int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative");
        }
        String cleaned = clean(text);
        if (cleaned == null || cleaned.codePointCount(0, cleaned.length()) <= maxLength) {
            return cleaned;
        }
        return cleaned.substring(0, cleaned.offsetByCodePoints(0, maxLength));
    }

    /** Why the store of record could not hold this text as it is (a NUL, a lone surrogate), or empty when it can. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains a NUL character at " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains a lone surrogate U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at " + i);
            }
        }
        return Optional.empty();
    }

    /** Length as PostgreSQL's {@code varchar(n)} counts it: characters (code points), not UTF-16 units. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean isUnwantedControl(char c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }
}
