package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.domain.Availability;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads schema.org {@code Product}s from a page's JSON-LD blocks: top-level ones, those in {@code @graph}, in an
 * {@code ItemList} and under a page's {@code product} or {@code mainEntity} (deco.cx's {@code ProductDetailsPage}),
 * but never a product's own variants. Blocks describing the same product (same URL, else same name) are merged,
 * the first block winning field by field: some shops print one product twice with different details.
 */
final class JsonLdProducts {

    private JsonLdProducts() {
    }

    static List<Listing> read(Document page) {
        List<JsonNode> products = new ArrayList<>();
        for (Element script : page.select("script[type=application/ld+json]")) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(script.data());
            } catch (Exception brokenBlock) {
                // one malformed block (common with hand-written templates) must not hide the others
                continue;
            }
            collect(root, products);
        }
        Map<String, Listing> byKey = new LinkedHashMap<>();
        for (JsonNode product : products) {
            Listing listing = toListing(product, page.location());
            String key = listing.url() != null ? listing.url() : String.valueOf(listing.name());
            byKey.merge(key, listing, Listing::orElse);
        }
        return new ArrayList<>(byKey.values());
    }

    private static void collect(JsonNode node, List<JsonNode> products) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collect(n, products));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (isType(node, "Product")) {
            products.add(node);
            return;
        }
        collect(node.get("@graph"), products);
        if (isType(node, "ItemList")) {
            for (JsonNode element : iterable(node.get("itemListElement"))) {
                collect(element.has("item") ? element.get("item") : element, products);
            }
        }
        collect(node.get("product"), products);
        collect(node.get("mainEntity"), products);
    }

    private static boolean isType(JsonNode node, String type) {
        JsonNode t = node.get("@type");
        for (JsonNode each : iterable(t)) {
            String s = each.asText();
            if (s.equals(type) || s.endsWith("/" + type)) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        return node.isArray() ? node : List.of(node);
    }

    private static Listing toListing(JsonNode product, String pageUrl) {
        JsonNode offer = offer(product.get("offers"));
        String variantOf = Json.text(product, "isVariantOf", "name");
        String url = Json.text(product, "url");
        if (url == null) {
            url = Json.text(offer, "url");
        }
        String sku = Json.text(product, "sku");
        return new Listing(
                sku != null ? sku : Json.text(product, "productID"),
                variantOf != null ? variantOf : Json.text(product, "name"),
                nameOf(product.get("brand")),
                url != null ? url : (pageUrl == null || pageUrl.isEmpty() ? null : pageUrl),
                image(product.get("image")),
                price(offer),
                listPrice(offer),
                currency(offer),
                availability(offer))
                .withIdentifiers(gtin(product, offer), Json.text(product, "mpn"), category(product.get("category")));
    }

    private static final List<String> GTIN_FIELDS = List.of("gtin13", "gtin", "gtin14", "gtin12", "gtin8");

    /** The first GTIN field of the product, else of its offer (schema.org allows either). */
    private static String gtin(JsonNode product, JsonNode offer) {
        for (JsonNode scope : new JsonNode[] {product, offer}) {
            for (String field : GTIN_FIELDS) {
                String value = Json.text(scope, field);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    /** {@code category} as text, a Thing with a name, or a list of either (joined with " > "). */
    private static String category(JsonNode category) {
        if (category == null || category.isNull()) {
            return null;
        }
        if (category.isArray()) {
            List<String> parts = new ArrayList<>();
            category.forEach(c -> {
                String part = category(c);
                if (part != null) {
                    parts.add(part);
                }
            });
            return parts.isEmpty() ? null : String.join(" > ", parts);
        }
        String text = category.isObject() ? Json.text(category, "name") : category.asText();
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** {@code offers} as one Offer: itself, its first element, or the first offer of an AggregateOffer. */
    private static JsonNode offer(JsonNode offers) {
        if (offers == null || offers.isNull()) {
            return null;
        }
        if (offers.isArray()) {
            return offers.isEmpty() ? null : offer(offers.get(0));
        }
        if (isType(offers, "AggregateOffer") && offers.has("offers")) {
            JsonNode inner = offer(offers.get("offers"));
            return inner != null ? inner : offers;
        }
        return offers;
    }

    private static BigDecimal price(JsonNode offer) {
        if (offer == null) {
            return null;
        }
        BigDecimal price = Json.decimal(offer.get("price"));
        return price != null ? price : Json.decimal(offer.get("lowPrice"));
    }

    private static BigDecimal listPrice(JsonNode offer) {
        for (JsonNode spec : iterable(offer == null ? null : offer.get("priceSpecification"))) {
            String type = Json.text(spec, "priceType");
            if (type != null && type.endsWith("ListPrice")) {
                return Json.decimal(spec.get("price"));
            }
        }
        return null;
    }

    private static String currency(JsonNode offer) {
        String currency = Json.text(offer, "priceCurrency");
        if (currency != null) {
            return currency;
        }
        for (JsonNode spec : iterable(offer == null ? null : offer.get("priceSpecification"))) {
            if (Json.text(spec, "priceCurrency") != null) {
                return Json.text(spec, "priceCurrency");
            }
        }
        return null;
    }

    static Availability availability(String schemaOrgValue) {
        if (schemaOrgValue == null) {
            return Availability.UNKNOWN;
        }
        String v = schemaOrgValue.strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("instock") || v.endsWith("limitedavailability") || v.endsWith("onlineonly")) {
            return Availability.IN_STOCK;
        }
        if (v.endsWith("outofstock") || v.endsWith("soldout") || v.endsWith("discontinued")) {
            return Availability.OUT_OF_STOCK;
        }
        return Availability.UNKNOWN;
    }

    private static Availability availability(JsonNode offer) {
        return availability(Json.text(offer, "availability"));
    }

    private static String nameOf(JsonNode brand) {
        if (brand == null || brand.isNull()) {
            return null;
        }
        return brand.isObject() ? Json.text(brand, "name") : (brand.asText().isBlank() ? null : brand.asText());
    }

    /** {@code image} as a URL string, an ImageObject, or a list of either: the first. */
    private static String image(JsonNode image) {
        if (image == null || image.isNull()) {
            return null;
        }
        if (image.isArray()) {
            return image.isEmpty() ? null : image(image.get(0));
        }
        if (image.isObject()) {
            String url = Json.text(image, "url");
            return url != null ? url : Json.text(image, "contentUrl");
        }
        return image.asText().isBlank() ? null : image.asText();
    }
}
