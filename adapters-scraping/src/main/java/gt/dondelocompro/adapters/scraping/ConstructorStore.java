package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A store whose search runs on Constructor.io: {@code search_url} is its search endpoint (with {@code {query}}
 * where the query goes, else the query is appended as the last path segment) and {@code api_key} its public
 * front-end key. Results are {@code response.results[]}: {@code value} is the name, {@code data} the rest.
 */
public final class ConstructorStore extends PlatformStore {

    public ConstructorStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
        if (config.searchUrl() == null || config.apiKey() == null) {
            throw new IllegalArgumentException("store '" + config.id() + "': a constructor store needs search_url and api_key");
        }
    }

    @Override
    protected URI searchUri(String query, int limit) {
        String template = config.searchUrl().toString();
        String url = template.contains("{query}")
                ? template.replace("{query}", encode(query))
                : (template.endsWith("/") ? template : template + "/") + encode(query);
        return URI.create(url + (url.contains("?") ? "&" : "?") + "key=" + encode(config.apiKey())
                + "&num_results_per_page=" + limit + "&page=1");
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        JsonNode root = Json.parse(response.text(), "a Constructor.io search object");
        JsonNode results = Json.at(root, "response", "results");
        if (results == null || !results.isArray()) {
            throw new UnreadableResponseException("expected response.results[] of a Constructor.io search");
        }
        List<Listing> listings = new ArrayList<>();
        for (JsonNode result : results) {
            JsonNode data = result.get("data");
            BigDecimal price = Json.decimal(Json.at(data, "sellingPrice"));
            Boolean outOfStock = Json.bool(Json.at(data, "outOfStock"));
            String brand = Json.first(data, "brands") != null ? Json.first(data, "brands").asText() : Json.text(data, "BrandName");
            listings.add(new Listing(
                    Json.text(data, "id"),
                    Json.text(result, "value"),
                    brand,
                    Json.text(data, "url"),
                    Json.text(data, "image_url"),
                    price != null ? price : Json.decimal(Json.at(data, "price")),
                    Json.decimal(Json.at(data, "listPrice")),
                    null,
                    outOfStock == null ? Availability.UNKNOWN : Availability.of(!outOfStock)));
        }
        return listings;
    }
}
