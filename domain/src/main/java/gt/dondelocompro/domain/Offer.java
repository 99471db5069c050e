package gt.dondelocompro.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One product at one store at one moment: what the store showed and at what price. {@code vendorProductId}
 * may be null when the store has none (persistence then derives one from the URL); {@code listPrice} is
 * null when the store shows no "before" price; {@code relevance} (0-1) says how well it answers the query.
 */
public record Offer(
        String vendorId,
        String vendorName,
        String vendorProductId,
        String name,
        String brand,
        String url,
        String imageUrl,
        Money price,
        Money listPrice,
        Availability availability,
        BigDecimal relevance) {

    public Offer {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(vendorName, "vendorName");
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("name", "an offer of store '" + vendorId + "' has no name");
        }
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(price, "price");
        if (price.isZero()) {
            throw new InvalidValueException("price", "a price of 0 is no price (offer '" + name + "')");
        }
        if (listPrice != null && !listPrice.currency().equals(price.currency())) {
            throw new InvalidValueException("list_price", "currency differs from the price's");
        }
        availability = availability == null ? Availability.UNKNOWN : availability;
        relevance = relevance == null ? BigDecimal.ZERO.setScale(2) : relevance;
        if (relevance.signum() < 0 || relevance.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidValueException("relevance", "must be between 0 and 1, was " + relevance);
        }
    }

    /** An offer as a store adapter reads it, before it is scored against a query. */
    public static Offer of(Vendor vendor, String vendorProductId, String name, String brand, String url,
                           String imageUrl, Money price, Money listPrice, Availability availability) {
        return new Offer(vendor.id(), vendor.name(), vendorProductId, name, brand, url, imageUrl, price, listPrice,
                availability, null);
    }

    public Offer scoredFor(SearchQuery query) {
        return new Offer(vendorId, vendorName, vendorProductId, name, brand, url, imageUrl, price, listPrice,
                availability, Relevance.score(query, name));
    }

    /** Whether this offer may be called the cheapest answer: in stock or unknown, and relevant enough. */
    public boolean isCandidateForCheapest() {
        return availability != Availability.OUT_OF_STOCK && relevance.compareTo(Relevance.THRESHOLD) >= 0;
    }
}
