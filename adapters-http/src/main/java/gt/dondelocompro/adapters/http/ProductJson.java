package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.identity.Brands;
import gt.dondelocompro.domain.identity.Identity;
import gt.dondelocompro.domain.identity.ProductFacts;

import java.math.BigDecimal;

/**
 * An offer as the contract shows it everywhere: prices in major units with the currency's decimals, the
 * identifiers the store gives ({@code gtin} validated, {@code model}, {@code category}; null when none) and
 * {@code match_key}, the identity rules' key when the offer alone makes its product certain ({@link Identity#matchKey()}).
 * {@code brand} is the store's, or when it gives none the brand the rules recognise in the name.
 */
record ProductJson(String vendorId, String vendorName, String vendorProductId, String name, String brand,
                   BigDecimal price, BigDecimal listPrice, String currency, String url, String imageUrl,
                   String availability, BigDecimal relevance, String gtin, String model, String category,
                   String matchKey, @JsonInclude(JsonInclude.Include.NON_NULL) Long productId) {

    static ProductJson from(Offer offer) {
        return from(offer, null);
    }

    /**
     * With {@code product_id}, the id for {@code /products/{id}/price-history}, once the search that found the
     * offer has been recorded (beyond the contract; only the results carry it).
     */
    static ProductJson from(Offer offer, Long productId) {
        Money listPrice = offer.listPrice();
        Identity identity = Identity.of(ProductFacts.of(offer));
        String brand = offer.brand() == null || offer.brand().isBlank() ? Brands.displayName(identity.brand()) : offer.brand();
        return new ProductJson(offer.vendorId(), offer.vendorName(), offer.vendorProductId(), offer.name(),
                brand, offer.price().amount(), listPrice == null ? null : listPrice.amount(),
                offer.price().currency().getCurrencyCode(), offer.url(), offer.imageUrl(),
                offer.availability().wireName(), offer.relevance(), offer.gtin(), offer.model(), offer.category(),
                identity.matchKey(), productId);
    }

    /** Null stays null: a search without a qualifying offer has no cheapest. */
    static ProductJson fromNullable(Offer offer) {
        return offer == null ? null : from(offer);
    }
}
