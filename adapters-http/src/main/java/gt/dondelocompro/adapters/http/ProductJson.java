package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;

import java.math.BigDecimal;

/**
 * An offer as the contract shows it everywhere: prices in major units with the currency's decimals, and the
 * identifiers the store gives ({@code gtin} validated, {@code model}, {@code category}; null when none).
 */
record ProductJson(String vendorId, String vendorName, String vendorProductId, String name, String brand,
                   BigDecimal price, BigDecimal listPrice, String currency, String url, String imageUrl,
                   String availability, BigDecimal relevance, String gtin, String model, String category,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Long productId) {

    static ProductJson from(Offer offer) {
        return from(offer, null);
    }

    /**
     * With {@code product_id}, the id for {@code /products/{id}/price-history}, once the search that found the
     * offer has been recorded (beyond the contract; only the results carry it).
     */
    static ProductJson from(Offer offer, Long productId) {
        Money listPrice = offer.listPrice();
        return new ProductJson(offer.vendorId(), offer.vendorName(), offer.vendorProductId(), offer.name(),
                offer.brand(), offer.price().amount(), listPrice == null ? null : listPrice.amount(),
                offer.price().currency().getCurrencyCode(), offer.url(), offer.imageUrl(),
                offer.availability().wireName(), offer.relevance(), offer.gtin(), offer.model(), offer.category(),
                productId);
    }

    /** Null stays null: a search without a qualifying offer has no cheapest. */
    static ProductJson fromNullable(Offer offer) {
        return offer == null ? null : from(offer);
    }
}
