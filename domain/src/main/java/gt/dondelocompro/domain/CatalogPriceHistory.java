package gt.dondelocompro.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The prices seen for one catalog product over a period, one series per store (stores by id, each oldest first),
 * with the lowest and highest price of the period and the best current offer: the lowest latest price among the
 * stores whose latest observation is not out of stock (among all of them when every one is), as groups count it.
 */
public record CatalogPriceHistory(long catalogProductId, List<StoreSeries> stores) {

    public CatalogPriceHistory {
        stores = List.copyOf(stores);
        long currencies = stores.stream().flatMap(s -> s.observations().stream()).map(o -> o.price().currency()).distinct().count();
        if (currencies > 1) {
            throw new IllegalArgumentException("price history of catalog product " + catalogProductId + " mixes currencies");
        }
    }

    /** One store's prices, oldest first, one per moment. */
    public record StoreSeries(String vendorId, List<PriceObservation> observations) {
        public StoreSeries {
            Objects.requireNonNull(vendorId, "vendorId");
            observations = List.copyOf(observations);
        }

        PriceObservation latest() {
            return observations.getLast();
        }
    }

    /** A price seen at a store for one of its products linked to the catalog product. */
    public record StoreObservation(String vendorId, PriceObservation observation) {
    }

    /** A store and its price. */
    public record StorePrice(String vendorId, Money price) {
    }

    /**
     * Groups the observations by store. A store that lists the product twice (marketplace duplicates) is one series:
     * at a moment it showed two prices, the lower one is what a shopper could pay there.
     */
    public static CatalogPriceHistory of(long catalogProductId, List<StoreObservation> seen) {
        TreeMap<String, TreeMap<Instant, PriceObservation>> byStore = new TreeMap<>();
        for (StoreObservation s : seen) {
            byStore.computeIfAbsent(s.vendorId(), v -> new TreeMap<>())
                    .merge(s.observation().scrapedAt(), s.observation(),
                            (a, b) -> a.price().compareTo(b.price()) <= 0 ? a : b);
        }
        List<StoreSeries> series = new ArrayList<>();
        byStore.forEach((vendor, prices) -> series.add(new StoreSeries(vendor, List.copyOf(prices.values()))));
        return new CatalogPriceHistory(catalogProductId, series);
    }

    public Optional<Money> min() {
        return stores.stream().flatMap(s -> s.observations().stream()).map(PriceObservation::price).min(Comparator.naturalOrder());
    }

    public Optional<Money> max() {
        return stores.stream().flatMap(s -> s.observations().stream()).map(PriceObservation::price).max(Comparator.naturalOrder());
    }

    public Optional<StorePrice> currentBest() {
        List<StoreSeries> counted = stores.stream().filter(s -> s.latest().availability() != Availability.OUT_OF_STOCK).toList();
        return (counted.isEmpty() ? stores : counted).stream()
                .min(Comparator.comparing((StoreSeries s) -> s.latest().price()).thenComparing(StoreSeries::vendorId))
                .map(s -> new StorePrice(s.vendorId(), s.latest().price()));
    }
}
