package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads VTEX catalog products, the shape both VTEX search APIs share: the offer is
 * {@code items[0].sellers[0].commertialOffer} (sic), the id is {@code items[0].itemId} (the SKU).
 */
final class VtexProducts {

    private VtexProducts() {
    }

    static List<Listing> read(JsonNode products) {
        List<Listing> listings = new ArrayList<>();
        for (JsonNode product : products) {
            listings.add(readProduct(product));
        }
        return listings;
    }

    private static Listing readProduct(JsonNode product) {
        if (!product.isObject()) {
            throw new UnreadableResponseException("expected product objects, found " + product.getNodeType());
        }
        JsonNode item = Json.first(product, "items");
        JsonNode seller = Json.first(item, "sellers");
        JsonNode offer = Json.at(seller, "commertialOffer");
        JsonNode image = Json.first(item, "images");
        BigDecimal price = offer == null ? null : Json.decimal(offer.get("Price"));
        BigDecimal listPrice = offer == null ? null : Json.decimal(offer.get("ListPrice"));
        return new Listing(
                Json.text(item, "itemId"),
                Json.text(product, "productName"),
                Json.text(product, "brand"),
                Json.text(product, "link"),
                Json.text(image, "imageUrl"),
                price,
                listPrice,
                null,
                availability(offer))
                .withIdentifiers(Json.text(item, "ean"), model(product), category(product.get("categories")));
    }

    /** {@code productReference} (the product's reference code, often the manufacturer's model), else {@code productReferenceCode}. */
    private static String model(JsonNode product) {
        String reference = Json.text(product, "productReference");
        return reference != null ? reference : Json.text(product, "productReferenceCode");
    }

    /** The deepest of {@code categories} ("/Moda/Bolsas/", listed deepest first) as "Moda > Bolsas". */
    static String category(JsonNode categories) {
        if (categories == null || !categories.isArray() || categories.isEmpty()) {
            return null;
        }
        String deepest = null;
        for (JsonNode each : categories) {
            String path = each.asText();
            if (deepest == null || path.length() > deepest.length()) {
                deepest = path;
            }
        }
        String joined = String.join(" > ", java.util.Arrays.stream(deepest.split("/")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
        return joined.isEmpty() ? null : joined;
    }

    /** {@code IsAvailable}, or {@code AvailableQuantity > 0} when the response leaves that out. */
    private static Availability availability(JsonNode offer) {
        if (offer == null) {
            return Availability.UNKNOWN;
        }
        Boolean available = Json.bool(offer.get("IsAvailable"));
        if (available != null) {
            return Availability.of(available);
        }
        BigDecimal quantity = Json.decimal(offer.get("AvailableQuantity"));
        return quantity == null ? Availability.UNKNOWN : Availability.of(quantity.signum() > 0);
    }
}
