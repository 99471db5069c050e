package gt.dondelocompro.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a shopper typed, kept for display, and its normalized form used for the cache and analytics:
 * trimmed, spaces collapsed, case-folded and accents stripped, so "Licuadora  OSTER" and "licuadora oster"
 * are the same query.
 */
public record SearchQuery(String original, String normalized) {

    public static final int MAX_LENGTH = 200;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    public SearchQuery {
        if (original == null) {
            throw new InvalidValueException("query", "is required");
        }
        if (!normalized.equals(normalize(original))) {
            throw new IllegalArgumentException("normalized form does not match the original query");
        }
    }

    /** Validates the text a shopper typed: 1-200 characters after trimming, not blank, no control characters. */
    public static SearchQuery of(String text) {
        if (text == null) {
            throw new InvalidValueException("query", "is required");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException("query", "must not be blank");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            throw new InvalidValueException("query", "must be at most " + MAX_LENGTH + " characters after trimming");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("query", "must not contain control characters");
        }
        return new SearchQuery(trimmed, normalize(trimmed));
    }

    /** Trim, collapse whitespace, case-fold and strip accents. */
    public static String normalize(String text) {
        String folded = Normalizer.normalize(text.strip(), Normalizer.Form.NFKD);
        folded = MARKS.matcher(folded).replaceAll("");
        return SPACES.matcher(folded).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** The normalized words, for matching against product names. */
    public List<String> tokens() {
        return tokenize(normalized);
    }

    /** Splits normalized text into words of letters and digits. */
    static List<String> tokenize(String normalizedText) {
        return NOT_WORD.splitAsStream(normalizedText).filter(t -> !t.isEmpty()).toList();
    }
}
