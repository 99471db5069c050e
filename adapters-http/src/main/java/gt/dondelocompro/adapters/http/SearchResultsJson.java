package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.CacheOrigin;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.VendorOutcome;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A search as {@code GET /search/{id}/results} shows it, with the original service's names beside ours: {@code id}
 * is {@code search_id} and {@code error_message} is {@code error} (why a failed search failed). Beyond the contract:
 * {@code total_results} and, for an answer from the cache,
 * {@code cached_at} (when the reused search completed) and {@code cache_age_seconds} (its age when reused), and per product {@code product_id} once recorded.
 */
record SearchResultsJson(UUID searchId, UUID id, String query, String status, Instant createdAt, Instant completedAt,
                         BigDecimal durationSeconds, boolean cached, Instant cachedAt, BigDecimal cacheAgeSeconds,
                         int maxResults, int totalResults, List<ProductJson> products, List<VendorJson> vendors,
                         ProductJson cheapest, String error, String errorMessage, List<EventJson> events) {

    /** {@code productIds} holds the recorded product of each offer that has one. */
    static SearchResultsJson from(SearchSnapshot search, Map<Offer, Long> productIds) {
        CacheOrigin origin = search.cachedFrom();
        return new SearchResultsJson(search.id(), search.id(), search.query().original(), search.status().wireName(),
                search.createdAt(), search.completedAt(), search.durationSeconds().orElse(null), search.cached(),
                origin == null ? null : origin.completedAt(),
                origin == null ? null : EventJson.seconds(Duration.between(origin.completedAt(), search.createdAt()).abs()),
                search.maxResults(), search.totalResults(),
                search.offers().stream().map(o -> ProductJson.from(o, productIds.get(o))).toList(),
                search.outcomes().stream().map(VendorJson::from).toList(),
                ProductJson.fromNullable(search.cheapest().orElse(null)),
                search.errorMessage(), search.errorMessage(),
                search.events().stream().map(EventJson::from).toList());
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
