package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.Vendor;

/** A configured store as {@code GET /vendors} lists it. */
record VendorJson(String id, String name, String baseUrl, String platform, boolean active) {

    static VendorJson from(Vendor vendor) {
        return new VendorJson(vendor.id(), vendor.name(), vendor.baseUrl(), vendor.platform(), vendor.active());
    }
}
