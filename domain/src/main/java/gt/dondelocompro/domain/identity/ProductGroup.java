package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * One product across stores: the offers the identity rules call the same, as indexes into the list that
 * was grouped. {@code cheapest}, {@code priceMin}, {@code priceMax} and {@code saving} count the offers not
 * out of stock (all of them when every one is). {@code relevance} is the best of its offers'. The
 * descriptive fields come from its most relevant offer (name, brand) or its first offer that has them.
 *
 * @param offers   indexes into the grouped offers, ascending
 * @param cheapest index of the cheapest counted offer (the lower index on a tie)
 * @param stores   vendor ids, in the order of {@code offers}, each once
 */
public record ProductGroup(List<Integer> offers, int cheapest, Money priceMin, Money priceMax, Money saving,
                           List<String> stores, BigDecimal relevance, String name, String brand, String model,
                           String gtin, String matchKey) {

    public ProductGroup {
        offers = List.copyOf(offers);
        stores = List.copyOf(stores);
    }
}
