package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A Magento 2 store, read from its search result page: each {@code .product-item-info} has a
 * {@code a.product-item-link} (name and URL) and prices in {@code [data-price-amount]} (plain decimals, so
 * no locale guessing). A page with no items is an empty result only when its main column shows Magento's
 * notice ({@link #NO_RESULTS}); otherwise the markup changed and that is a parse failure.
 */
public final class MagentoStore extends PlatformStore {

    static final String DEFAULT_PATH = "/catalogsearch/result/?q={query}";

    /**
     * Magento_CatalogSearch's result.phtml prints {@code <div class="message notice">} in place of the result list
     * when nothing matched; the catalog list prints {@code .message.info.empty} for an empty page. Both land in the
     * page's main column. Keyed on that structure, not on the wording, which each store translates; a notice
     * elsewhere (the page messages above the columns, a sidebar) says nothing about the search.
     */
    static final String NO_RESULTS = ".column.main .message.notice, .column.main .message.info.empty";

    public MagentoStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
    }

    @Override
    protected URI searchUri(String query, int limit) {
        return resolve(searchPath(DEFAULT_PATH).replace("{query}", encode(query)));
    }

    @Override
    protected String accept() {
        return "text/html,application/xhtml+xml";
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        Document page = html(response);
        // the result list first: sidebars ("recently viewed", "compare") reuse the same item markup
        Elements items = page.select(".search.results .product-item-info");
        if (items.isEmpty()) {
            items = page.select(".product-item-info");
        }
        if (items.isEmpty()) {
            if (!page.select(NO_RESULTS).isEmpty()) {
                return List.of();
            }
            throw new UnreadableResponseException("expected .product-item-info elements or Magento's 'no results' notice ("
                    + NO_RESULTS + "), found neither");
        }
        List<Listing> listings = new ArrayList<>();
        for (Element item : items) {
            Element link = item.selectFirst("a.product-item-link");
            Element image = item.selectFirst("img.product-image-photo");
            listings.add(new Listing(
                    productId(item),
                    link == null ? null : link.text(),
                    null,
                    link == null ? null : link.absUrl("href"),
                    image == null ? null : imageUrl(image),
                    amount(item, "[data-price-type=finalPrice][data-price-amount]", "[data-price-amount]"),
                    amount(item, "[data-price-type=oldPrice][data-price-amount]"),
                    null,
                    availability(item))
                    .withIdentifiers(null, sku(item), null));
        }
        return listings;
    }

    private static String productId(Element item) {
        Element withId = item.selectFirst("[data-product-id]");
        if (withId != null) {
            return withId.attr("data-product-id");
        }
        Element input = item.selectFirst("input[name=product]");
        return input == null ? null : input.val();
    }

    /** The store's SKU as the listing markup prints it ({@code data-product-sku} on the card or its form). */
    private static String sku(Element item) {
        Element withSku = item.selectFirst("[data-product-sku]");
        return withSku == null || withSku.attr("data-product-sku").isBlank() ? null : withSku.attr("data-product-sku");
    }

    private static String imageUrl(Element image) {
        // lazy-loading themes keep the real picture in data-src
        String src = image.absUrl("data-src");
        return src.isEmpty() ? image.absUrl("src") : src;
    }

    private static BigDecimal amount(Element item, String... selectors) {
        for (String selector : selectors) {
            Element e = item.selectFirst(selector);
            if (e != null && !e.attr("data-price-amount").isBlank()) {
                try {
                    return new BigDecimal(e.attr("data-price-amount").strip());
                } catch (NumberFormatException notDecimal) {
                    throw new UnreadableResponseException("data-price-amount '" + e.attr("data-price-amount") + "' is not a decimal");
                }
            }
        }
        return null;
    }

    private static Availability availability(Element item) {
        if (!item.select(".stock.unavailable, .out-of-stock").isEmpty()) {
            return Availability.OUT_OF_STOCK;
        }
        if (!item.select("button.tocart, .action.tocart").isEmpty()) {
            return Availability.IN_STOCK;
        }
        return Availability.UNKNOWN;
    }
}
