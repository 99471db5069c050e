package gt.dondelocompro.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One product across stores, as recorded: what it is (name, brand, model, GTIN) and, per store, the store product
 * linked to it that was seen last, at the price seen then. Offers are ordered cheapest first.
 */
public record CatalogProduct(long id, String name, String brand, String model, String gtin, List<StoreOffer> offers) {

    /** Relevance answers a query; a catalog product's own offers are that product. */
    private static final BigDecimal ITSELF = new BigDecimal("1.00");

    private static final Comparator<StoreOffer> CHEAPEST_FIRST = Comparator.comparing(StoreOffer::price)
            .thenComparing(StoreOffer::vendorId).thenComparingLong(StoreOffer::productId);

    /** Newest sighting first; on a tie the cheaper, then the lower id, so the choice is the same every time. */
    private static final Comparator<StoreOffer> LATEST_FIRST = Comparator.comparing(StoreOffer::seenAt).reversed()
            .thenComparing(StoreOffer::price).thenComparingLong(StoreOffer::productId);

    public CatalogProduct {
        Objects.requireNonNull(name, "name");
        offers = offers.stream().sorted(CHEAPEST_FIRST).toList();
    }

    /** From every store product linked to it: one offer per store, the store product seen last. */
    public static CatalogProduct withLatestPerStore(long id, String name, String brand, String model, String gtin,
                                                    List<StoreOffer> linked) {
        Map<String, StoreOffer> latest = new HashMap<>();
        for (StoreOffer offer : linked) {
            latest.merge(offer.vendorId(), offer, (a, b) -> LATEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
        return new CatalogProduct(id, name, brand, model, gtin, List.copyOf(latest.values()));
    }

    /**
     * A store product linked to a catalog product, at its latest price. {@code vendorProductId} is the stored one
     * (derived from the URL when the store gave none).
     */
    public record StoreOffer(long productId, String vendorId, String vendorName, String vendorProductId, String name,
                             String brand, String url, String imageUrl, Money price, Money listPrice,
                             Availability availability, Instant seenAt) {
        public StoreOffer {
            Objects.requireNonNull(vendorId, "vendorId");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(seenAt, "seenAt");
        }
    }

    /**
     * A store offer in the shape of every offer: the catalog product's GTIN (every offer linked by GTIN has it, and
     * none linked by brand and model has one) and model; no category, which is not recorded; relevance 1.
     */
    public Offer asOffer(StoreOffer o) {
        return new Offer(o.vendorId(), o.vendorName(), o.vendorProductId(), o.name(), o.brand(), o.url(), o.imageUrl(),
                o.price(), o.listPrice(), o.availability(), ITSELF, gtin, model, null);
    }
}
