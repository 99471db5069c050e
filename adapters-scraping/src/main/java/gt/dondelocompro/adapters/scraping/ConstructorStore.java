package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A store whose search runs on Constructor.io: {@code search_url} is its search endpoint (with {@code {query}}
 * where the query goes, else the query is appended as the last path segment) and {@code api_key} its public
 * front-end key, sent as the store's own page sends them: {@code key}, the JS client's {@code c}, session
 * {@code s=1}, a client id {@code i} (one per adapter) and {@code num_results_per_page}. Results are
 * {@code response.results[]}: {@code value} is the name, {@code data} the rest; the price is the first of
 * {@code sellingPrice}, {@code final_price}, {@code special_price}, {@code price}, {@code regular_price}.
 */
public final class ConstructorStore extends PlatformStore {

    /** The client the stores' own pages identify themselves as (Max: ciojs-client-2.65.0). */
    static final String CLIENT = "ciojs-client-2.65.0";

    private final String clientId = UUID.randomUUID().toString();

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
                + "&c=" + CLIENT + "&s=1&i=" + clientId + "&num_results_per_page=" + limit);
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
            BigDecimal price = first(data, "sellingPrice", "final_price", "special_price", "price", "regular_price");
            BigDecimal listPrice = first(data, "listPrice", "regular_price");
            String url = Json.text(data, "url") != null ? Json.text(data, "url") : Json.text(data, "url_key");
            listings.add(new Listing(
                    Json.text(data, "id"),
                    Json.text(result, "value"),
                    brand(data),
                    url,
                    Json.text(data, "image_url"),
                    price,
                    listPrice,
                    null,
                    availability(data))
                    .withIdentifiers(gtin(data), Json.text(data, "ProductRefId"), category(data)));
        }
        return listings;
    }

    private static BigDecimal first(JsonNode data, String... fields) {
        for (String field : fields) {
            BigDecimal value = positiveOrNull(Json.decimal(Json.at(data, field)));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String brand(JsonNode data) {
        if (Json.first(data, "brands") != null) {
            return Json.first(data, "brands").asText();
        }
        if (Json.text(data, "BrandName") != null) {
            return Json.text(data, "BrandName");
        }
        JsonNode marca = facet(data, "marca");
        return marca == null ? null : Json.text(marca);
    }

    private static String gtin(JsonNode data) {
        String ean = Json.text(data, "EAN");
        return ean != null ? ean : Json.text(data, "ean");
    }

    /** {@code outOfStock}, else {@code salable_quantity}, else the {@code availability} facet's IN_STOCK. */
    private static Availability availability(JsonNode data) {
        Boolean outOfStock = Json.bool(Json.at(data, "outOfStock"));
        if (outOfStock != null) {
            return Availability.of(!outOfStock);
        }
        BigDecimal salable = Json.decimal(Json.at(data, "salable_quantity"));
        if (salable != null) {
            return Availability.of(salable.signum() > 0);
        }
        JsonNode facet = facet(data, "availability");
        return facet == null ? Availability.UNKNOWN : Availability.of("IN_STOCK".equals(facet.asText()));
    }

    /** The first value of the facet named {@code name} in {@code data.facets[]}, or null. */
    private static JsonNode facet(JsonNode data, String name) {
        JsonNode facets = Json.at(data, "facets");
        if (facets == null || !facets.isArray()) {
            return null;
        }
        for (JsonNode facet : facets) {
            if (name.equals(Json.text(facet, "name"))) {
                return Json.first(facet, "values");
            }
        }
        return null;
    }

    /** The first of {@code data.groups[]} as its path: "Tiendas MAX > Belleza y Cuidado Personal > Afeitado y depilación". */
    private static String category(JsonNode data) {
        JsonNode group = Json.first(data, "groups");
        if (group == null || Json.text(group, "display_name") == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        JsonNode path = group.get("path_list");
        if (path != null && path.isArray()) {
            path.forEach(p -> {
                if (Json.text(p, "display_name") != null) {
                    names.add(Json.text(p, "display_name"));
                }
            });
        }
        names.add(Json.text(group, "display_name"));
        return String.join(" > ", names);
    }
}
