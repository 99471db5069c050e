package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import gt.dondelocompro.domain.StoreHealth;
import gt.dondelocompro.domain.Vendor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A configured store as {@code GET /vendors} lists it: its configuration ({@code demo} marks the bundled demo stores)
 * and how it has been answering.
 */
record VendorJson(String id, String name, String baseUrl, String platform, boolean active, String source, String note,
                  boolean demo, Instant lastSuccessAt, LastFailureJson lastFailure,
                  // snake case alone would write success_rate24h
                  @JsonProperty("success_rate_24h") BigDecimal successRate24h) {

    /** A store's latest failure: when, its kind (as in {@code vendor_error}) and its message. */
    record LastFailureJson(Instant at, String kind, String error) {
    }

    static VendorJson from(Vendor vendor, StoreHealth health, boolean demo) {
        StoreHealth.LastFailure f = health.lastFailure();
        return new VendorJson(vendor.id(), vendor.name(), vendor.baseUrl(), vendor.platform(), vendor.active(),
                vendor.source(), vendor.note(), demo, health.lastSuccessAt(),
                f == null ? null : new LastFailureJson(f.at(), f.kind().wireName(), f.error()),
                health.successRate24h() == null ? null
                        : BigDecimal.valueOf(health.successRate24h()).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }
}
