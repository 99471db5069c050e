package gt.dondelocompro.domain;

import gt.dondelocompro.domain.identity.Identity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How well an offer answers a query, from 0 to 1: the share of the query's words found in the offer's name
 * (accents folded, simple Spanish plurals matched), lowered when the offer is an accessory <em>for</em> the
 * thing searched ("soporte para televisor" for "televisor") rather than the thing itself.
 */
public final class Relevance {

    /** Offers at or above this score count as answering the query (for the cheapest offer). */
    public static final BigDecimal THRESHOLD = new BigDecimal("0.50");

    private static final double ACCESSORY_FACTOR = 0.4;

    private Relevance() {
    }

    public static BigDecimal score(SearchQuery query, String offerName) {
        List<String> queryTokens = query.tokens();
        List<String> nameTokens = SearchQuery.tokenize(SearchQuery.normalize(offerName == null ? "" : offerName));
        if (queryTokens.isEmpty() || nameTokens.isEmpty()) {
            return BigDecimal.ZERO.setScale(2);
        }
        Set<String> nameForms = forms(nameTokens);
        long matched = queryTokens.stream().filter(t -> matches(t, nameForms)).count();
        double score = (double) matched / queryTokens.size();
        if (score > 0 && (isAccessoryFor(queryTokens, nameTokens) || isAccessoryByIdentity(queryTokens, offerName))) {
            score *= ACCESSORY_FACTOR;
        }
        return BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * An accessory word the shopper did not ask for, placed before the searched thing: "soporte para
     * televisor", "funda de celular samsung". "Televisor con soporte" stays a television.
     */
    private static boolean isAccessoryFor(List<String> queryTokens, List<String> nameTokens) {
        Set<String> queryForms = forms(queryTokens);
        int firstQueryWord = -1;
        for (int i = 0; i < nameTokens.size(); i++) {
            if (matches(nameTokens.get(i), queryForms)) {
                firstQueryWord = i;
                break;
            }
        }
        for (int i = 0; i < nameTokens.size(); i++) {
            String token = nameTokens.get(i);
            if (AccessoryWords.contains(token) && !matches(token, queryForms)) {
                if (firstQueryWord < 0 || i < firstQueryWord) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An accessory by the identity rules ("Licuadora Oster - vaso de repuesto", "Funda compatible con Galaxy A15")
     * when the shopper asked for no accessory at all: the same verdict that keeps it out of the product's group.
     */
    private static boolean isAccessoryByIdentity(List<String> queryTokens, String offerName) {
        if (queryTokens.stream().anyMatch(AccessoryWords::contains)) {
            return false;
        }
        return Identity.isAccessoryTitle(offerName);
    }

    private static boolean matches(String token, Set<String> forms) {
        return forms(List.of(token)).stream().anyMatch(forms::contains);
    }

    /** Each word with its Spanish plural endings removed: televisores → televisor, cables → cable. Crude on purpose. */
    private static Set<String> forms(List<String> tokens) {
        Set<String> forms = new HashSet<>();
        for (String t : tokens) {
            forms.add(t);
            if (t.length() > 3 && t.endsWith("s")) {
                forms.add(t.substring(0, t.length() - 1));
            }
            if (t.length() > 4 && t.endsWith("es")) {
                forms.add(t.substring(0, t.length() - 2));
            }
        }
        return forms;
    }
}
