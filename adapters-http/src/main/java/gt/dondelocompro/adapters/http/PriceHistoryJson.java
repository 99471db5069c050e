package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.PriceHistory;
import gt.dondelocompro.domain.PriceObservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /products/{id}/price-history}: the observations oldest first, and lowest, highest, current and
 * change (current − first) as plain numbers, null when nothing was seen in the period. {@code currency} is extra.
 */
record PriceHistoryJson(long productId, int days, String currency, List<ObservationJson> observations,
                        BigDecimal min, BigDecimal max, BigDecimal current, BigDecimal change) {

    static PriceHistoryJson from(PriceHistory history, int days) {
        return new PriceHistoryJson(history.productId(), days,
                history.current().map(m -> m.currency().getCurrencyCode()).orElse(null),
                history.observations().stream().map(ObservationJson::from).toList(),
                history.min().map(Money::amount).orElse(null), history.max().map(Money::amount).orElse(null),
                history.current().map(Money::amount).orElse(null), history.change().orElse(null));
    }

    record ObservationJson(BigDecimal price, String currency, String availability, Instant scrapedAt) {
        static ObservationJson from(PriceObservation o) {
            return new ObservationJson(o.price().amount(), o.price().currency().getCurrencyCode(),
                    o.availability().wireName(), o.scrapedAt());
        }
    }
}
