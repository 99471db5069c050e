package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A Shopify store, searched through Shopify's predictive search ({@code /search/suggest.json}); or, when the
 * store's config has {@code search_url} and {@code api_key}, through the Searchanise app it uses instead
 * (read by {@link SearchaniseParser}). Either way product links are relative to the shop's own base URL.
 */
public final class ShopifyStore extends PlatformStore {

    static final String DEFAULT_PATH = "/search/suggest.json";
    // Shopify's predictive search answers at most 10 products per resource type
    private static final int SUGGEST_LIMIT = 10;

    public ShopifyStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
    }

    private boolean viaSearchanise() {
        return config.searchUrl() != null;
    }

    @Override
    protected URI searchUri(String query, int limit) {
        if (viaSearchanise()) {
            String url = config.searchUrl().toString();
            return URI.create(url + (url.contains("?") ? "&" : "?") + "api_key=" + encode(config.apiKey())
                    + "&q=" + encode(query) + "&startIndex=0&maxResults=" + limit + "&items=true&output=json");
        }
        // brackets are percent-encoded: java.net.URI refuses them raw in a query, and Shopify decodes them
        return resolve(searchPath(DEFAULT_PATH) + "?q=" + encode(query)
                + "&resources%5Btype%5D=product&resources%5Blimit%5D=" + Math.min(limit, SUGGEST_LIMIT));
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        if (viaSearchanise()) {
            return SearchaniseParser.read(response.text());
        }
        JsonNode root = Json.parse(response.text(), "a Shopify predictive search object");
        JsonNode products = Json.at(root, "resources", "results", "products");
        if (products == null || !products.isArray()) {
            throw new UnreadableResponseException("expected resources.results.products[] of Shopify's predictive search");
        }
        List<Listing> listings = new ArrayList<>();
        for (JsonNode product : products) {
            Boolean available = Json.bool(product.get("available"));
            listings.add(new Listing(
                    Json.text(product, "id"),
                    Json.text(product, "title"),
                    Json.text(product, "vendor"),
                    Json.text(product, "url"),
                    image(product),
                    Json.decimal(product.get("price")),
                    PlatformStore.positiveOrNull(Json.decimal(product.get("compare_at_price_max"))),
                    null,
                    available == null ? Availability.UNKNOWN : Availability.of(available))
                    // predictive search gives the product type, not a GTIN or SKU
                    .withIdentifiers(null, null, Json.text(product, "type")));
        }
        return listings;
    }

    /** {@code image} is a URL string; newer answers also carry {@code featured_image.url}. */
    private static String image(JsonNode product) {
        String image = Json.text(product, "image");
        return image != null ? image : Json.text(product, "featured_image", "url");
    }
}
