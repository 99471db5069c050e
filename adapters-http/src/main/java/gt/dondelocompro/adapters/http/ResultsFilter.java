package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.identity.Brands;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The filters of {@code GET /search/{id}/results}, each null (or false) when not given: {@code brand} (ignoring case
 * and the rules' spellings, on the brand a product shows: the store's or the one recognised in its name),
 * {@code category} (the store's path, ignoring case), a price range in the offers' major units, and {@code in_stock}.
 * Read by {@link Requests#resultsFilter}.
 */
record ResultsFilter(String brand, String category, BigDecimal minPrice, BigDecimal maxPrice, boolean inStock) {

    static final ResultsFilter NONE = new ResultsFilter(null, null, null, null, false);

    boolean isNone() {
        return equals(NONE);
    }

    /** Whether the answer shows this product. */
    boolean keeps(ProductJson product) {
        return (brand == null || sameBrand(product.brand()))
                && (category == null || category.equalsIgnoreCase(Objects.requireNonNullElse(product.category(), "")))
                && (minPrice == null || product.price().compareTo(minPrice) >= 0)
                && (maxPrice == null || product.price().compareTo(maxPrice) <= 0)
                && (!inStock || product.availability().equals(Availability.IN_STOCK.wireName()));
    }

    private boolean sameBrand(String shown) {
        if (shown == null) {
            return false;
        }
        String key = Brands.normalize(brand);
        return brand.equalsIgnoreCase(shown) || key != null && key.equals(Brands.normalize(shown));
    }
}
