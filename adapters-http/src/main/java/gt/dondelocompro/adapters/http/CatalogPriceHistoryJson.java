package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.CatalogPriceHistory;
import gt.dondelocompro.domain.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /catalog-products/{id}/price-history}: one series per store, observations in the shape of a product's
 * ({@link PriceHistoryJson.ObservationJson}); lowest and highest price of the period and the best current offer,
 * null when nothing was seen in the period.
 */
record CatalogPriceHistoryJson(long catalogProductId, int days, List<StoreJson> stores, BigDecimal min, BigDecimal max,
                               StorePriceJson currentBest) {

    static CatalogPriceHistoryJson from(CatalogPriceHistory history, int days) {
        return new CatalogPriceHistoryJson(history.catalogProductId(), days,
                history.stores().stream().map(StoreJson::from).toList(),
                history.min().map(Money::amount).orElse(null), history.max().map(Money::amount).orElse(null),
                history.currentBest().map(b -> new StorePriceJson(b.vendorId(), b.price().amount())).orElse(null));
    }

    record StoreJson(String vendorId, List<PriceHistoryJson.ObservationJson> observations) {
        static StoreJson from(CatalogPriceHistory.StoreSeries series) {
            return new StoreJson(series.vendorId(),
                    series.observations().stream().map(PriceHistoryJson.ObservationJson::from).toList());
        }
    }

    record StorePriceJson(String vendorId, BigDecimal price) {
    }
}
