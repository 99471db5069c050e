package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.OfferLimits;
import gt.dondelocompro.domain.StorableText;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Why the store of record could not hold this offer as it is ({@link OfferLimits}), including a store
     * product id derived from a URL too long for the column; empty when it can.
     */
    public static List<String> storageProblems(Offer offer) {
        List<String> problems = new ArrayList<>(OfferLimits.problems(offer));
        String id = of(offer).vendorProductId();
        if (!id.equals(offer.vendorProductId()) && StorableText.length(id) > OfferLimits.VENDOR_PRODUCT_ID_LENGTH) {
            problems.add("vendor_product_id derived from the url has " + StorableText.length(id) + " characters, at most "
                    + OfferLimits.VENDOR_PRODUCT_ID_LENGTH + " are kept");
        }
        return List.copyOf(problems);
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
