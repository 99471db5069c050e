package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A WooCommerce store searched through its Store API, whose prices are strings in minor units ("2200" is 22.00). */
public final class WooCommerceStore extends PlatformStore {

    static final String DEFAULT_PATH = "/wp-json/wc/store/v1/products";

    public WooCommerceStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
    }

    @Override
    protected URI searchUri(String query, int limit) {
        return resolve(searchPath(DEFAULT_PATH) + "?search=" + encode(query) + "&per_page=" + limit);
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        JsonNode root = Json.parse(response.text(), "a JSON array of WooCommerce products");
        if (!root.isArray()) {
            throw new UnreadableResponseException("expected a JSON array of WooCommerce products, found a JSON " + root.getNodeType());
        }
        List<Listing> listings = new ArrayList<>();
        for (JsonNode product : root) {
            JsonNode prices = product.get("prices");
            int minorUnit = prices != null && prices.hasNonNull("currency_minor_unit") ? prices.get("currency_minor_unit").asInt() : 2;
            String sku = Json.text(product, "sku");
            Boolean inStock = Json.bool(product.get("is_in_stock"));
            listings.add(new Listing(
                    sku != null ? sku : Json.text(product, "id"),
                    Json.text(product, "name"),
                    Json.text(Json.first(product, "brands"), "name"),
                    Json.text(product, "permalink"),
                    Json.text(Json.first(product, "images"), "src"),
                    major(Json.decimal(Json.at(prices, "price")), minorUnit),
                    major(Json.decimal(Json.at(prices, "regular_price")), minorUnit),
                    Json.text(prices, "currency_code"),
                    inStock == null ? Availability.UNKNOWN : Availability.of(inStock))
                    // the Store API gives no GTIN; the SKU is the store's code, its best hint of a model
                    .withIdentifiers(null, sku, Json.text(Json.first(product, "categories"), "name")));
        }
        return listings;
    }

    private static BigDecimal major(BigDecimal minorUnits, int minorUnit) {
        return minorUnits == null ? null : minorUnits.movePointLeft(minorUnit);
    }
}
