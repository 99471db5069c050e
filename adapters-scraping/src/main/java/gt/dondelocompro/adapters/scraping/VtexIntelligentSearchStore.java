package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;

import java.net.URI;
import java.util.List;

/** A VTEX store searched through Intelligent Search, which answers {@code {products: [...]}} in the catalog shape. */
public final class VtexIntelligentSearchStore extends PlatformStore {

    static final String DEFAULT_PATH = "/api/io/_v/api/intelligent-search/product_search/";

    public VtexIntelligentSearchStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
    }

    @Override
    protected URI searchUri(String query, int limit) {
        return resolve(searchPath(DEFAULT_PATH) + "?query=" + encode(query) + "&count=" + limit);
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        JsonNode root = Json.parse(response.text(), "a VTEX Intelligent Search object");
        JsonNode products = root.get("products");
        if (products == null || !products.isArray()) {
            throw new UnreadableResponseException("expected an object with a 'products' array");
        }
        return VtexProducts.read(products);
    }
}
