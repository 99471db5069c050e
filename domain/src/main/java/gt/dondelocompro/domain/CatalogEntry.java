package gt.dondelocompro.domain;

import gt.dondelocompro.domain.identity.Brands;
import gt.dondelocompro.domain.identity.Identity;
import gt.dondelocompro.domain.identity.ProductFacts;

import java.util.Optional;

/**
 * What an offer says about its catalog product when the identity rules make its identity certain from the offer
 * alone ({@link Identity#matchKey()}): the key it is found by, and the name, brand, model and GTIN to show.
 * The brand is the store's, or the one the rules recognise in the name where the store gives none.
 */
public record CatalogEntry(String matchKey, String name, String brand, String model, String gtin) {

    /** {@code catalog_products.match_key}: varchar(1024); a longer key (a store's run-on brand) links nothing. */
    public static final int MATCH_KEY_LENGTH = 1024;

    /** Empty when the offer's identity is not certain. */
    public static Optional<CatalogEntry> of(Offer offer) {
        Identity identity = Identity.of(ProductFacts.of(offer));
        String key = identity.matchKey();
        if (key == null || StorableText.length(key) > MATCH_KEY_LENGTH) {
            return Optional.empty();
        }
        String brand = offer.brand() == null || offer.brand().isBlank() ? Brands.displayName(identity.brand()) : offer.brand();
        return Optional.of(new CatalogEntry(key, offer.name(), brand, identity.model(),
                identity.gtin() == null ? null : identity.gtin().value()));
    }
}
