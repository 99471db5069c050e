package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.CatalogPriceHistory;
import gt.dondelocompro.domain.CatalogProduct;
import gt.dondelocompro.domain.Offer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catalog products: one product across stores, found by the key the identity rules give an offer whose identity
 * is certain ({@link gt.dondelocompro.domain.CatalogEntry}), and the store products linked to each.
 */
public interface CatalogProductRepository {

    /**
     * Gets or creates the catalog product of each offer whose identity is certain (its name, brand and model updated
     * to the latest seen at {@code seenAt}) and links the offer's product, whose id is in {@code productIds}, to it;
     * a set-based few statements whatever the number of offers. Offers of uncertain identity are left alone. Called
     * after {@link ProductRepository#saveOffers} in the same transaction. Returns the catalog product id of each
     * match key.
     */
    Map<String, Long> link(List<Offer> offers, Map<ProductKey, Long> productIds, Instant seenAt);

    /** The ids of the known catalog products among {@code matchKeys}, in one lookup; unknown keys are absent. */
    Map<String, Long> findIds(Collection<String> matchKeys);

    /** Empty for an unknown id; the latest store product of each store linked to it. */
    Optional<CatalogProduct> findById(long id);

    /** Empty for an unknown id; the prices seen since {@code since} at every store product linked to it. */
    Optional<CatalogPriceHistory> findPriceHistory(long id, Instant since);
}
