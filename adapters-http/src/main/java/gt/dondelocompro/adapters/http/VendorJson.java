package gt.dondelocompro.adapters.http;

import gt.dondelocompro.domain.Vendor;

/** A configured store as {@code GET /vendors} lists it; {@code demo} marks the bundled demo stores. */
record VendorJson(String id, String name, String baseUrl, String platform, boolean active, boolean demo) {

    static VendorJson from(Vendor vendor, boolean demo) {
        return new VendorJson(vendor.id(), vendor.name(), vendor.baseUrl(), vendor.platform(), vendor.active(), demo);
    }
}
