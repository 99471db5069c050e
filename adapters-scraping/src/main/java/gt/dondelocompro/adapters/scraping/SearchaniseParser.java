package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.domain.Availability;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Searchanise {@code getresults} answer, the search app many Shopify stores use instead of Shopify's
 * own search: {@code items[]} with {@code title}, {@code price}, {@code list_price} (0 means none),
 * {@code product_code}, a relative {@code link} and {@code shopify_variants[].available} as "1"/"0".
 */
final class SearchaniseParser {

    private SearchaniseParser() {
    }

    static List<Listing> read(String body) {
        JsonNode root = Json.parse(body, "a Searchanise result object");
        JsonNode items = root.get("items");
        if (items == null || !items.isArray()) {
            throw new UnreadableResponseException("expected a Searchanise object with an 'items' array");
        }
        List<Listing> listings = new ArrayList<>();
        for (JsonNode item : items) {
            String code = Json.text(item, "product_code");
            listings.add(new Listing(
                    code != null ? code : Json.text(item, "product_id"),
                    Json.text(item, "title"),
                    Json.text(item, "vendor"),
                    Json.text(item, "link"),
                    Json.text(item, "image_link"),
                    Json.decimal(item.get("price")),
                    PlatformStore.positiveOrNull(Json.decimal(item.get("list_price"))),
                    null,
                    availability(item.get("shopify_variants")))
                    .withIdentifiers(null, code, null));
        }
        return listings;
    }

    /** In stock when any variant is available; unknown when the answer lists no variants. */
    private static Availability availability(JsonNode variants) {
        if (variants == null || !variants.isArray() || variants.isEmpty()) {
            return Availability.UNKNOWN;
        }
        for (JsonNode variant : variants) {
            if (Boolean.TRUE.equals(Json.bool(variant.get("available")))) {
                return Availability.IN_STOCK;
            }
        }
        return Availability.OUT_OF_STOCK;
    }
}
