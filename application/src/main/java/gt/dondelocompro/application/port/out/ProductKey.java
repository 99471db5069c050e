package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.Offer;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A product's identity: the store and the store's product id. An offer without a store product id gets a
 * stable one derived from its canonical URL, so that its price history accumulates on one product.
 */
public record ProductKey(String vendorId, String vendorProductId) {

    public ProductKey {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(vendorProductId, "vendorProductId");
    }

    public static ProductKey of(Offer offer) {
        String id = offer.vendorProductId();
        return new ProductKey(offer.vendorId(), id == null || id.isBlank() ? "url:" + canonicalUrl(offer.url()) : id);
    }

    /** Scheme and host lower-cased, no query string, fragment or trailing slash. */
    static String canonicalUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String path = uri.getPath() == null ? "" : uri.getPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT) + "://";
            return scheme + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
        } catch (IllegalArgumentException notAUri) {
            return url.strip();
        }
    }
}
