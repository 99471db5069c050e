package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.Offer;

/**
 * What a store says about one offer that can tell which product it is: its title, the brand, model and
 * GTIN fields when the store has them (null when not), its category path and the store. The identity rules
 * read nothing else.
 */
public record ProductFacts(String vendorId, String name, String brand, String model, String gtin, String category) {

    public ProductFacts {
        name = name == null ? "" : name;
    }

    /** The facts an {@link Offer} carries: its store, name, brand and the identifiers its store gives. */
    public static ProductFacts of(Offer offer) {
        return new ProductFacts(offer.vendorId(), offer.name(), offer.brand(), offer.model(), offer.gtin(), offer.category());
    }

    /** A title and a brand, for tests and callers that have nothing more. */
    public static ProductFacts of(String name, String brand) {
        return new ProductFacts(null, name, brand, null, null, null);
    }
}
