package gt.dondelocompro.domain;

import gt.dondelocompro.domain.identity.Gtin;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One product at one store at one moment: what the store showed and at what price. {@code vendorProductId}
 * may be null when the store has none (persistence then derives one from the URL); {@code listPrice} is
 * null when the store shows no "before" price; {@code relevance} (0-1) says how well it answers the query.
 * The identifiers the store gives, each null when it gives none: {@code gtin} (kept only when its check digit is
 * right, in the one form of {@link Gtin}), {@code model} (the manufacturer's model or part number) and {@code category} (the
 * store's own category path, as text).
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
        BigDecimal relevance,
        String gtin,
        String model,
        String category) {

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
        gtin = Gtin.parse(gtin).map(Gtin::value).orElse(null);
        model = blankToNull(model);
        category = blankToNull(category);
    }

    /** An offer without identifiers (GTIN, model, category). */
    public Offer(String vendorId, String vendorName, String vendorProductId, String name, String brand, String url,
                 String imageUrl, Money price, Money listPrice, Availability availability, BigDecimal relevance) {
        this(vendorId, vendorName, vendorProductId, name, brand, url, imageUrl, price, listPrice, availability, relevance,
                null, null, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** An offer as a store adapter reads it, before it is scored against a query. */
    public static Offer of(Vendor vendor, String vendorProductId, String name, String brand, String url,
                           String imageUrl, Money price, Money listPrice, Availability availability) {
        return new Offer(vendor.id(), vendor.name(), vendorProductId, name, brand, url, imageUrl, price, listPrice,
                availability, null);
    }

    /** The same offer with the identifiers its store gives (each may be null). */
    public Offer withIdentifiers(String gtin, String model, String category) {
        return new Offer(vendorId, vendorName, vendorProductId, name, brand, url, imageUrl, price, listPrice,
                availability, relevance, gtin, model, category);
    }

    public Offer scoredFor(SearchQuery query) {
        return new Offer(vendorId, vendorName, vendorProductId, name, brand, url, imageUrl, price, listPrice,
                availability, Relevance.score(query, name), gtin, model, category);
    }

    /** Whether this offer may be called the cheapest answer: in stock or unknown, and relevant enough. */
    public boolean isCandidateForCheapest() {
        return availability != Availability.OUT_OF_STOCK && relevance.compareTo(Relevance.THRESHOLD) >= 0;
    }
}
