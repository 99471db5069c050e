package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.ComparisonGroup;
import gt.dondelocompro.domain.identity.ProductGroup;

import java.math.BigDecimal;
import java.util.List;

/**
 * One product across stores, as {@code completed} and the results show it: {@code offers} are 0-based indexes into the
 * same answer's products; amounts count the offers not out of stock (all of them when every one is);
 * {@code catalog_product_id} is null until the search has been recorded and its catalog products are known.
 */
record GroupJson(String groupId, Long catalogProductId, String name, String brand, String model, String gtin,
                 List<String> stores, List<Integer> offers, CheapestJson cheapest, BigDecimal priceMin,
                 BigDecimal priceMax, BigDecimal saving) {

    static GroupJson from(ComparisonGroup group, Long catalogProductId) {
        ProductGroup p = group.product();
        return new GroupJson(group.id(), catalogProductId, p.name(), p.brand(), p.model(), p.gtin(), p.stores(),
                p.offers(), new CheapestJson(group.cheapestVendorId(), p.priceMin().amount()), p.priceMin().amount(),
                p.priceMax().amount(), p.saving().amount());
    }

    /** Groups of a search not yet recorded: no catalog products yet. */
    static List<GroupJson> allOf(List<ComparisonGroup> groups) {
        return groups == null ? List.of() : groups.stream().map(g -> from(g, null)).toList();
    }

    /** Where the group is cheapest: the store and its price. */
    record CheapestJson(String vendorId, BigDecimal price) {
    }
}
