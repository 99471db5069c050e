package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.CacheOrigin;
import gt.dondelocompro.domain.ComparisonGroup;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.VendorOutcome;
import gt.dondelocompro.domain.identity.OfferGroups;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A search as {@code GET /search/{id}/results} shows it, with the original service's names beside ours: {@code id}
 * is {@code search_id} and {@code error_message} is {@code error} (why a failed search failed). Beyond the contract:
 * {@code total_results} and, for an answer from the cache,
 * {@code cached_at} (when the reused search completed) and {@code cache_age_seconds} (its age when reused), {@code stale}
 * and {@code refresh_search_id} for an older one being refreshed, {@code joined_from} for a search that followed an
 * identical one running, and per product {@code product_id} once recorded.
 * The events are always the whole log, whatever the filters.
 */
record SearchResultsJson(UUID searchId, UUID id, String query, String status, Instant createdAt, Instant completedAt,
                         BigDecimal durationSeconds, boolean cached, Instant cachedAt, BigDecimal cacheAgeSeconds,
                         boolean stale, UUID refreshSearchId, UUID joinedFrom, int maxResults, int totalResults, List<ProductJson> products, List<VendorJson> vendors,
                         ProductJson cheapest, List<GroupJson> groups, FacetsJson facets, String error,
                         String errorMessage, List<EventJson> events) {

    static SearchResultsJson from(SearchSnapshot search, Map<Offer, Long> productIds) {
        return from(search, productIds, Map.of(), ResultsFilter.NONE);
    }

    /**
     * {@code productIds} holds the recorded product of each offer that has one, {@code catalogIds} the catalog product
     * of each offer linked to one (a group is the catalog product of its first offer that has one). {@code facets}
     * count all the search's offers; {@code products} and {@code groups} are those the filter keeps, the groups'
     * indexes pointing into those products. Unfiltered, the groups are the ones the search announced; filtered, the
     * kept offers are grouped again. {@code cheapest} stays the search's, whatever the filter.
     */
    static SearchResultsJson from(SearchSnapshot search, Map<Offer, Long> productIds, Map<Offer, Long> catalogIds,
                                  ResultsFilter filter) {
        List<Offer> all = search.offers();
        List<ProductJson> allProducts = all.stream().map(o -> ProductJson.from(o, productIds.get(o))).toList();
        List<Offer> offers = new ArrayList<>();
        List<ProductJson> products = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (filter.keeps(allProducts.get(i))) {
                offers.add(all.get(i));
                products.add(allProducts.get(i));
            }
        }
        SearchEvent.Completed comparison = search.comparison(); // a running search's offers grouped once, not twice
        List<ComparisonGroup> groups = filter.isNone() ? comparison.groups() : ComparisonGroup.of(OfferGroups.of(offers), offers);
        CacheOrigin origin = search.cached() ? search.cachedFrom() : null;
        return new SearchResultsJson(search.id(), search.id(), search.query().original(), search.status().wireName(),
                search.createdAt(), search.completedAt(), search.durationSeconds().orElse(null), search.cached(),
                origin == null ? null : origin.completedAt(),
                origin == null ? null : EventJson.seconds(Duration.between(origin.completedAt(), search.createdAt()).abs()),
                search.stale(), origin == null ? null : origin.refreshSearchId(), search.joinedFrom(),
                search.maxResults(), search.totalResults(),
                List.copyOf(products),
                search.outcomes().stream().map(VendorJson::from).toList(),
                ProductJson.fromNullable(comparison.cheapest()),
                groups.stream().map(g -> GroupJson.from(g, catalogProductId(g, offers, catalogIds))).toList(),
                FacetsJson.of(allProducts),
                search.errorMessage(), search.errorMessage(),
                search.events().stream().map(EventJson::from).toList());
    }

    private static Long catalogProductId(ComparisonGroup group, List<Offer> offers, Map<Offer, Long> catalogIds) {
        return group.product().offers().stream().map(i -> catalogIds.get(offers.get(i))).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** How one store did: {@code duration} in seconds (null while pending), {@code error} and {@code kind} when it failed. */
    record VendorJson(String vendorId, String vendorName, String status, int productsFound, BigDecimal duration,
                      String error, String kind) {

        static VendorJson from(VendorOutcome outcome) {
            return new VendorJson(outcome.vendorId(), outcome.vendorName(), outcome.status().wireName(),
                    outcome.productsFound(), EventJson.seconds(outcome.duration()), outcome.error(),
                    outcome.kind() == null ? null : outcome.kind().wireName());
        }
    }
}
