package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceHistory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The prices seen for a product over the last {@code days} days; empty for an unknown product. */
public interface PriceHistoryUseCase {

    Optional<PriceHistory> priceHistory(long productId, int days);

    /**
     * The id under which each offer's product was recorded, in one lookup for all of them (a results page asks
     * for dozens). An offer is absent until a search that found it has been saved.
     */
    Map<Offer, Long> productIdsOf(List<Offer> offers);
}
