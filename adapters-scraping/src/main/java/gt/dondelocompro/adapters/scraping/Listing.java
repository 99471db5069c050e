package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;

/**
 * One product as a platform's response shows it, before it becomes an {@code Offer}: amounts are the exact
 * decimals read from the response (major units), {@code currency} is null when the response states none,
 * {@code url} and {@code imageUrl} may still be relative. Platform readers produce these; {@link PlatformStore}
 * turns them into offers the same way for every platform.
 */
record Listing(String productId, String name, String brand, String url, String imageUrl,
               BigDecimal price, BigDecimal listPrice, String currency, Availability availability) {

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
                availability != null && availability != Availability.UNKNOWN ? availability : other.availability);
    }
}
