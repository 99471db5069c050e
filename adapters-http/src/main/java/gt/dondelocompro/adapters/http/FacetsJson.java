package gt.dondelocompro.adapters.http;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the search's offers (all of them, before filters) can be narrowed by, with how many offers each value has:
 * brands (as products show them, counted ignoring case), the stores' categories, stores, and the price range
 * ({@code min}/{@code max} null when there is no offer). Most offers first, then alphabetically.
 */
record FacetsJson(List<CountJson> brands, List<CountJson> categories, List<CountJson> vendors, PriceRangeJson price) {

    static FacetsJson of(List<ProductJson> products) {
        return new FacetsJson(counts(products, ProductJson::brand), counts(products, ProductJson::category),
                counts(products, ProductJson::vendorId),
                new PriceRangeJson(products.stream().map(ProductJson::price).min(Comparator.naturalOrder()).orElse(null),
                        products.stream().map(ProductJson::price).max(Comparator.naturalOrder()).orElse(null)));
    }

    private static List<CountJson> counts(List<ProductJson> products, Function<ProductJson, String> field) {
        Map<String, CountJson> counts = new LinkedHashMap<>();
        for (ProductJson product : products) {
            String value = field.apply(product);
            if (value != null && !value.isBlank()) {
                counts.merge(value.toLowerCase(Locale.ROOT), new CountJson(value, 1),
                        (a, b) -> new CountJson(a.value(), a.count() + 1));
            }
        }
        return counts.values().stream()
                .sorted(Comparator.comparingInt(CountJson::count).reversed()
                        .thenComparing(c -> c.value().toLowerCase(Locale.ROOT)))
                .toList();
    }

    record CountJson(String value, int count) {
    }

    record PriceRangeJson(BigDecimal min, BigDecimal max) {
    }
}
