package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;

/**
 * One product as a platform's response shows it, before it becomes an {@code Offer}: amounts are the exact
 * decimals read from the response (major units), {@code currency} is null when the response states none,
 * {@code url} and {@code imageUrl} may still be relative. Platform readers produce these; {@link PlatformStore}
 * turns them into offers the same way for every platform. The identifiers the store gives, each null when it
 * gives none: {@code gtin} (as printed; the domain keeps it only when its check digit is right), {@code model}
 * (manufacturer's model or part number, or the store's SKU where that is all it shows) and {@code category} (the
 * store's category path as text, "A > B").
 */
record Listing(String productId, String name, String brand, String url, String imageUrl,
               BigDecimal price, BigDecimal listPrice, String currency, Availability availability,
               String gtin, String model, String category) {

    Listing(String productId, String name, String brand, String url, String imageUrl,
            BigDecimal price, BigDecimal listPrice, String currency, Availability availability) {
        this(productId, name, brand, url, imageUrl, price, listPrice, currency, availability, null, null, null);
    }

    Listing withIdentifiers(String newGtin, String newModel, String newCategory) {
        return new Listing(productId, name, brand, url, imageUrl, price, listPrice, currency, availability,
                newGtin, newModel, newCategory);
    }

    /** Field by field, this listing's value or else {@code other}'s: for a product described twice on one page. */
    Listing orElse(Listing other) {
        return new Listing(
                productId != null ? productId : other.productId,
                name != null ? name : other.name,
                brand != null ? brand : other.brand,
                url != null ? url : other.url,
                imageUrl != null ? imageUrl : other.imageUrl,
                price != null ? price : other.price,
                listPrice != null ? listPrice : other.listPrice,
                currency != null ? currency : other.currency,
                availability != null && availability != Availability.UNKNOWN ? availability : other.availability,
                gtin != null ? gtin : other.gtin,
                model != null ? model : other.model,
                category != null ? category : other.category);
    }
}
