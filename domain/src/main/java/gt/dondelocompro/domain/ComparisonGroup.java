package gt.dondelocompro.domain;

import gt.dondelocompro.domain.identity.OfferGroups;
import gt.dondelocompro.domain.identity.ProductGroup;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One product across a search's stores as the search announces it: the identity rules' {@link ProductGroup}
 * (its {@code offers} index the offers that were grouped), the store of its cheapest offer, and an id that names
 * the same product in every search. The id is the group's match key when the rules are certain of the product
 * ({@code gtin:…} or {@code bm:brand|model…}); otherwise {@code offer:<vendor_id>/<vendor_product_id or url>} of
 * the member that sorts first, so that it does not depend on the order in which the stores answered.
 */
public record ComparisonGroup(String id, String cheapestVendorId, ProductGroup product) {

    public ComparisonGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cheapestVendorId, "cheapestVendorId");
        Objects.requireNonNull(product, "product");
    }

    /** The groups of these offers, in the rules' order (relevance, then lowest price). */
    public static List<ComparisonGroup> of(OfferGroups grouped, List<Offer> offers) {
        return grouped.groups().stream().map(g -> of(g, offers)).toList();
    }

    /** {@code offers} are those the group's indexes point into. */
    public static ComparisonGroup of(ProductGroup group, List<Offer> offers) {
        String id = group.matchKey() != null ? group.matchKey() : group.offers().stream()
                .map(i -> offerKey(offers.get(i))).min(Comparator.naturalOrder()).orElseThrow();
        return new ComparisonGroup(id, offers.get(group.cheapest()).vendorId(), group);
    }

    private static String offerKey(Offer offer) {
        return "offer:" + offer.vendorId() + "/" + (offer.vendorProductId() != null ? offer.vendorProductId() : offer.url());
    }
}
