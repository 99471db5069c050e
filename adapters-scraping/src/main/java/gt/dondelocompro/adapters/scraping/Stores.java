package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.domain.Vendor;

import java.util.List;

/**
 * Turns store configurations into {@link Store}s, one adapter per platform, all sharing one polite client
 * (so that stores on the same host share its spacing, concurrency and robots.txt).
 */
public final class Stores {

    private Stores() {
    }

    /** The adapters of the active stores, in catalog order. */
    public static List<Store> create(List<StoreConfig> configs, PoliteHttpClient http) {
        return configs.stream().filter(StoreConfig::active).map(c -> create(c, http)).toList();
    }

    /** The adapter of one store, active or not. */
    public static Store create(StoreConfig config, PoliteHttpClient http) {
        return config.platform().create(config, http);
    }

    /** Every configured store as shoppers see it, inactive ones included (for /vendors and /health). */
    public static List<Vendor> vendors(List<StoreConfig> configs) {
        return configs.stream().map(StoreConfig::vendor).toList();
    }
}
