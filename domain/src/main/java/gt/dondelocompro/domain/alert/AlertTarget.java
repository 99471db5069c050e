package gt.dondelocompro.domain.alert;

import gt.dondelocompro.domain.InvalidValueException;

/**
 * What an alert watches: a catalog product (one product across stores: the best offer among them counts) or one
 * store's product. {@link #key()} names it for the scheduler: one re-check per target, whatever the alerts on it.
 */
public sealed interface AlertTarget {

    long id();

    /** {@code catalog:12} or {@code product:34}. */
    String key();

    record CatalogProduct(long id) implements AlertTarget {
        public CatalogProduct {
            if (id < 1) {
                throw new InvalidValueException("target.catalog_product_id", "must be a positive id");
            }
        }

        @Override
        public String key() {
            return "catalog:" + id;
        }
    }

    record StoreProduct(long id) implements AlertTarget {
        public StoreProduct {
            if (id < 1) {
                throw new InvalidValueException("target.product_id", "must be a positive id");
            }
        }

        @Override
        public String key() {
            return "product:" + id;
        }
    }

    /** The target a {@link #key()} names. */
    static AlertTarget fromKey(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            throw new InvalidValueException("target", "not a target key: '" + key + "'");
        }
        long id;
        try {
            id = Long.parseLong(key.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidValueException("target", "not a target key: '" + key + "'");
        }
        return switch (key.substring(0, colon)) {
            case "catalog" -> new CatalogProduct(id);
            case "product" -> new StoreProduct(id);
            default -> throw new InvalidValueException("target", "not a target key: '" + key + "'");
        };
    }
}
