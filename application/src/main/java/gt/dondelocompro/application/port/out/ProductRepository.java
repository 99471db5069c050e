package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceHistory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Products (one per store and store product id) and the prices observed for them. */
public interface ProductRepository {

    /**
     * Gets or creates the product of each offer (updating name, brand, url and image to the latest seen) and
     * records one price observation per offer at {@code scrapedAt}. Returns the product id of every key.
     */
    Map<ProductKey, Long> saveOffers(List<Offer> offers, Instant scrapedAt);

    /** The ids of the known products among {@code keys}, in one lookup whatever their number; unknown keys are absent. */
    Map<ProductKey, Long> findProductIds(Collection<ProductKey> keys);

    /** Empty for an unknown product; a known product with no price since {@code since} has no observations. */
    Optional<PriceHistory> priceHistory(long productId, Instant since);
}
