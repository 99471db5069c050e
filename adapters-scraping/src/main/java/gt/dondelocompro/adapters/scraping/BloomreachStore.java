package gt.dondelocompro.adapters.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A store searched through Bloomreach Discovery's search API ({@code search_url}, default
 * {@link #DEFAULT_SEARCH_URL}) with its {@code account_id}, {@code auth_key}, {@code domain_key} and optional
 * {@code view_id}. Docs are {@code response.docs[]}. With a {@code club} (PriceSmart's warehouse club), the price
 * is the per-view-and-club field {@code price_<view>_<club>} in minor units ({@code fractionDigits}, 2 by
 * default), the "before" price {@code original_price_without_saving_<view>_<club>} in major units and the stock
 * {@code inventory_<view>_<club>}, each on the doc or else on its variant whose {@code skuid} is the doc's
 * {@code master_sku}, else on its first variant that has one; the product page is
 * {@code <base_url>/producto/<slug>/<master_sku>}. Without a club, the generic {@code sale_price}/{@code price}
 * (major units) and {@code url} are read.
 */
public final class BloomreachStore extends PlatformStore {

    static final URI DEFAULT_SEARCH_URL = URI.create("https://core.dxpapi.com/api/v1/core/");
    static final String FIELDS = "pid,title,brand,slug,thumb_image,master_sku,url,price,sale_price,currency,fractionDigits,variants";

    public BloomreachStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
    }

    private String clubSuffix() {
        StoreConfig.PlatformKeys k = config.keys();
        return k.club() == null ? null : "_" + (k.viewId() == null ? "" : k.viewId() + "_") + k.club();
    }

    @Override
    protected URI searchUri(String query, int limit) {
        StoreConfig.PlatformKeys k = config.keys();
        String url = (config.searchUrl() == null ? DEFAULT_SEARCH_URL : config.searchUrl()).toString();
        String suffix = clubSuffix();
        String fields = FIELDS + (suffix == null ? ""
                : ",price" + suffix + ",original_price_without_saving" + suffix + ",inventory" + suffix);
        return URI.create(url + (url.contains("?") ? "&" : "?")
                + "account_id=" + encode(k.accountId())
                + "&auth_key=" + encode(k.authKey())
                + "&domain_key=" + encode(k.domainKey())
                + (k.viewId() == null ? "" : "&view_id=" + encode(k.viewId()))
                + "&request_type=search&search_type=keyword"
                + "&q=" + encode(query)
                + "&rows=" + limit + "&start=0"
                + "&url=" + encode(config.baseUrl().toString())
                + "&fl=" + encode(fields));
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        JsonNode root = Json.parse(response.text(), "a Bloomreach search object");
        JsonNode docs = Json.at(root, "response", "docs");
        if (docs == null || !docs.isArray()) {
            throw new UnreadableResponseException("expected response.docs[] of a Bloomreach search");
        }
        String suffix = clubSuffix();
        List<Listing> listings = new ArrayList<>();
        for (JsonNode doc : docs) {
            String masterSku = Json.text(doc, "master_sku");
            String slug = Json.text(doc, "slug");
            BigDecimal price;
            BigDecimal listPrice;
            Availability availability;
            if (suffix != null) {
                BigDecimal cents = Json.decimal(clubField(doc, masterSku, "price" + suffix));
                int digits = Json.decimal(doc.get("fractionDigits")) == null ? 2 : Json.decimal(doc.get("fractionDigits")).intValue();
                price = cents == null ? null : cents.movePointLeft(digits);
                listPrice = positiveOrNull(Json.decimal(clubField(doc, masterSku, "original_price_without_saving" + suffix)));
                availability = availability(Json.text(clubField(doc, masterSku, "inventory" + suffix)));
            } else {
                BigDecimal sale = positiveOrNull(Json.decimal(doc.get("sale_price")));
                BigDecimal regular = positiveOrNull(Json.decimal(doc.get("price")));
                price = sale != null ? sale : regular;
                listPrice = regular;
                availability = Availability.UNKNOWN;
            }
            listings.add(new Listing(
                    masterSku != null ? masterSku : Json.text(doc, "pid"),
                    Json.text(doc, "title"),
                    Json.text(doc, "brand"),
                    slug != null && masterSku != null ? productPage(slug, masterSku) : Json.text(doc, "url"),
                    Json.text(doc, "thumb_image"),
                    price,
                    listPrice,
                    Json.text(doc, "currency"),
                    availability));
        }
        return listings;
    }

    private String productPage(String slug, String sku) {
        String base = config.baseUrl().toString();
        return (base.endsWith("/") ? base : base + "/") + "producto/" + encode(slug) + "/" + encode(sku);
    }

    /** The field on the doc, else on the master variant, else on the first variant that has it; a one-value list is its value. */
    private static JsonNode clubField(JsonNode doc, String masterSku, String field) {
        JsonNode own = single(doc.get(field));
        if (own != null) {
            return own;
        }
        JsonNode variants = doc.get("variants");
        if (variants == null || !variants.isArray()) {
            return null;
        }
        for (JsonNode variant : variants) {
            if (masterSku != null && masterSku.equals(Json.text(variant, "skuid")) && single(variant.get(field)) != null) {
                return single(variant.get(field));
            }
        }
        for (JsonNode variant : variants) {
            if (single(variant.get(field)) != null) {
                return single(variant.get(field));
            }
        }
        return null;
    }

    private static JsonNode single(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : single(node.get(0));
        }
        return node;
    }

    private static Availability availability(String inventory) {
        if (inventory == null) {
            return Availability.UNKNOWN;
        }
        return switch (inventory.strip().toLowerCase(Locale.ROOT)) {
            case "in stock" -> Availability.IN_STOCK;
            case "out of stock" -> Availability.OUT_OF_STOCK;
            default -> Availability.UNKNOWN;
        };
    }
}
