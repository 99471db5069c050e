package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceHistory;

import java.util.Optional;

/** The prices seen for a product over the last {@code days} days; empty for an unknown product. */
public interface PriceHistoryUseCase {

    Optional<PriceHistory> priceHistory(long productId, int days);

    /** The id under which this offer's product was recorded; empty until a search that found it has been saved. */
    Optional<Long> productIdOf(Offer offer);
}
