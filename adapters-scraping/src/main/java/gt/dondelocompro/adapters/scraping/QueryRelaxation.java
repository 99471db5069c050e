package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.domain.SearchQuery;

import java.util.Set;

/**
 * The wider query a store is asked when the shopper's multi-word query finds nothing there: its first significant
 * word (not an article, preposition or bare number), as the peer that runs against the live sites does
 * (STORES-GT.md, "Zero results"). Stores' own search engines often AND every word, so "licuadora oster 600w"
 * finds nothing where "licuadora" finds the Oster.
 */
final class QueryRelaxation {

    private static final Set<String> NOT_SIGNIFICANT = Set.of("de", "del", "la", "el", "los", "las", "lo", "un",
            "una", "unos", "unas", "y", "o", "para", "con", "sin", "en", "por", "a", "al", "the", "of", "for", "and");

    private QueryRelaxation() {
    }

    /** The first significant word of {@code query}, or null when the query has one word or none worth relaxing to. */
    static String firstSignificantWord(String query) {
        String[] words = query.strip().split("\\s+");
        if (words.length < 2) {
            return null;
        }
        for (String word : words) {
            String normalized = SearchQuery.normalize(word);
            if (normalized.length() >= 2 && !NOT_SIGNIFICANT.contains(normalized)
                    && !normalized.chars().allMatch(Character::isDigit)) {
                return word;
            }
        }
        return null;
    }
}
