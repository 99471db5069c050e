package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.CatalogPriceHistory;
import gt.dondelocompro.domain.CatalogProduct;
import gt.dondelocompro.domain.Offer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One product across stores: its current offers per store, and its prices per store over the last days. */
public interface CatalogProductUseCase {

    /** Empty for an unknown id. */
    Optional<CatalogProduct> catalogProduct(long id);

    /** The prices seen at each store over the last {@code days} days (1–365); empty for an unknown id. */
    Optional<CatalogPriceHistory> priceHistory(long id, int days);

    /**
     * The catalog product id of each offer's match key, in one lookup for all of them (a results page asks for
     * dozens): absent for an offer of uncertain identity, and until a search that found that product was recorded.
     */
    Map<String, Long> catalogProductIdsOf(List<Offer> offers);
}
