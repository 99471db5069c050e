package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.annotation.JsonValue;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code platform} of a store in the stores file, and the adapter that searches it. {@code templatedPath}:
 * the platform's {@code search_path} is a whole path and query with {@code {query}} in it (HTML pages), not a
 * plain path that the adapter adds its query parameters to (JSON APIs).
 */
public enum Platform {
    VTEX("vtex", false) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new VtexStore(config, http);
        }
    },
    VTEX_IS("vtex_is", false) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new VtexIntelligentSearchStore(config, http);
        }
    },
    SHOPIFY("shopify", false) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new ShopifyStore(config, http);
        }
    },
    WOOCOMMERCE("woocommerce", false) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new WooCommerceStore(config, http);
        }
    },
    MAGENTO("magento", true) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new MagentoStore(config, http);
        }
    },
    HTML("html", true) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new HtmlStore(config, http);
        }
    },
    CONSTRUCTOR("constructor", false) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new ConstructorStore(config, http);
        }
    },
    INTELAF("intelaf", false) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new IntelafStore(config, http);
        }
    },
    DOOFINDER("doofinder", false) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new DoofinderStore(config, http);
        }
    },
    BLOOMREACH("bloomreach", false) {
        @Override
        public Store create(StoreConfig config, PoliteHttpClient http) {
            return new BloomreachStore(config, http);
        }
    };

    private final String id;
    private final boolean templatedPath;

    Platform(String id, boolean templatedPath) {
        this.id = id;
        this.templatedPath = templatedPath;
    }

    /** The adapter that searches the store {@code config} describes. */
    public abstract Store create(StoreConfig config, PoliteHttpClient http);

    /** The name in the stores file, e.g. {@code vtex_is}. */
    @JsonValue
    public String id() {
        return id;
    }

    boolean templatedPath() {
        return templatedPath;
    }

    /** Every name the stores file accepts, sorted, for error messages. */
    static List<String> ids() {
        return Arrays.stream(values()).map(Platform::id).sorted().toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
