package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;

import java.math.BigDecimal;

/** An offer as the contract shows it everywhere: prices in major units with the currency's decimals. */
record ProductJson(String vendorId, String vendorName, String vendorProductId, String name, String brand,
                   BigDecimal price, BigDecimal listPrice, String currency, String url, String imageUrl,
                   String availability, BigDecimal relevance) {

    static ProductJson from(Offer offer) {
        Money listPrice = offer.listPrice();
        return new ProductJson(offer.vendorId(), offer.vendorName(), offer.vendorProductId(), offer.name(),
                offer.brand(), offer.price().amount(), listPrice == null ? null : listPrice.amount(),
                offer.price().currency().getCurrencyCode(), offer.url(), offer.imageUrl(),
                offer.availability().wireName(), offer.relevance());
    }

    /** Null stays null: a search without a qualifying offer has no cheapest. */
    static ProductJson fromNullable(Offer offer) {
        return offer == null ? null : from(offer);
    }
}
