package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A store searched through Doofinder's v5 search API: {@code search_url} (default {@link #DEFAULT_SEARCH_URL})
 * with the store's {@code hashid}, {@code query} and {@code rpp}, sent with the store's Origin and Referer. Items
 * are {@code results[]}: {@code id}, {@code title}, {@code sale_price}/{@code best_price}/{@code price},
 * {@code availability} ("In stock"), {@code link}, {@code image_link}, {@code brand}, {@code mpn},
 * {@code categories}. An item listed twice (Doofinder repeats grouped variants) is kept once.
 */
public final class DoofinderStore extends PlatformStore {

    static final URI DEFAULT_SEARCH_URL = URI.create("https://us1-search.doofinder.com/5/search");

    public DoofinderStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
    }

    @Override
    protected URI searchUri(String query, int limit) {
        String url = (config.searchUrl() == null ? DEFAULT_SEARCH_URL : config.searchUrl()).toString();
        return URI.create(url + (url.contains("?") ? "&" : "?") + "hashid=" + encode(config.keys().hashid())
                + "&query=" + encode(query) + "&rpp=" + limit);
    }

    @Override
    protected Map<String, String> headers() {
        String origin = IntelafStore.origin(config.baseUrl());
        return Map.of("Origin", origin, "Referer", origin + "/");
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        JsonNode root = Json.parse(response.text(), "a Doofinder search object");
        JsonNode results = root.get("results");
        if (results == null || !results.isArray()) {
            throw new UnreadableResponseException("expected results[] of a Doofinder search");
        }
        List<Listing> listings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : results) {
            String id = Json.text(item, "id") != null ? Json.text(item, "id") : Json.text(item, "mpn");
            if (id != null && !seen.add(id)) {
                continue;
            }
            BigDecimal price = first(item, "sale_price", "best_price", "price");
            BigDecimal regular = positiveOrNull(Json.decimal(item.get("price")));
            listings.add(new Listing(
                    id,
                    Json.text(item, "title"),
                    Json.text(item, "brand"),
                    Json.text(item, "link"),
                    Json.text(item, "image_link"),
                    price,
                    regular != null && price != null && regular.compareTo(price) > 0 ? regular : null,
                    null,
                    availability(Json.text(item, "availability")))
                    .withIdentifiers(gtin(item), Json.text(item, "mpn"), Json.text(Json.first(item, "categories"))));
        }
        return listings;
    }

    private static BigDecimal first(JsonNode item, String... fields) {
        for (String field : fields) {
            BigDecimal value = positiveOrNull(Json.decimal(item.get(field)));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String gtin(JsonNode item) {
        String gtin = Json.text(item, "gtin");
        return gtin != null ? gtin : Json.text(item, "ean");
    }

    private static Availability availability(String text) {
        if (text == null) {
            return Availability.UNKNOWN;
        }
        String v = text.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        return switch (v) {
            case "in stock", "instock" -> Availability.IN_STOCK;
            case "out of stock", "outofstock" -> Availability.OUT_OF_STOCK;
            default -> Availability.UNKNOWN;
        };
    }
}
