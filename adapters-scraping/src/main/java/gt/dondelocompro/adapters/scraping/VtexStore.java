package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;

import java.net.URI;
import java.util.List;

/** A VTEX store searched through the legacy catalog API, which answers a JSON array of products. */
public final class VtexStore extends PlatformStore {

    static final String DEFAULT_PATH = "/api/catalog_system/pub/products/search";

    public VtexStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
    }

    @Override
    protected URI searchUri(String query, int limit) {
        return resolve(searchPath(DEFAULT_PATH) + "?ft=" + encode(query) + "&_from=0&_to=" + (limit - 1));
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        JsonNode root = Json.parse(response.text(), "a JSON array of VTEX products");
        if (!root.isArray()) {
            throw new UnreadableResponseException("expected a JSON array of VTEX products, found a JSON " + root.getNodeType());
        }
        return VtexProducts.read(root);
    }
}
