package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.PriceParser;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Any store with a search page, read in order of trust: schema.org JSON-LD Products, then schema.org
 * microdata, then the CSS {@code selectors} of the store's config ({@code product}, {@code name},
 * {@code price}, {@code url}, {@code image}, optional {@code list_price}, {@code brand}, {@code id},
 * {@code out_of_stock}, and {@code no_results}, which marks a page that is empty on purpose).
 */
public final class HtmlStore extends PlatformStore {

    private final PriceParser prices;

    public HtmlStore(StoreConfig config, PoliteHttpClient http) {
        super(config, http);
        this.prices = new PriceParser(config.currency());
    }

    @Override
    protected URI searchUri(String query, int limit) {
        return resolve(searchPath("/").replace("{query}", encode(query)));
    }

    @Override
    protected String accept() {
        return "text/html,application/xhtml+xml";
    }

    @Override
    protected List<Listing> read(FetchResponse response) {
        Document page = html(response);
        List<Listing> listings = JsonLdProducts.read(page);
        if (listings.isEmpty()) {
            listings = microdata(page);
        }
        Map<String, String> selectors = config.selectors();
        if (listings.isEmpty() && selectors.containsKey("product")) {
            listings = bySelectors(page, selectors);
        }
        if (listings.isEmpty()) {
            String noResults = selectors.get("no_results");
            if (noResults != null && !page.select(noResults).isEmpty()) {
                return List.of();
            }
            throw new UnreadableResponseException("found no schema.org Product (JSON-LD or microdata)"
                    + (selectors.containsKey("product") ? " and nothing matched selector '" + selectors.get("product") + "'" : "")
                    + (noResults == null ? "" : ", and the 'no results' marker '" + noResults + "' is absent"));
        }
        return listings;
    }

    private static List<Listing> microdata(Document page) {
        List<Listing> listings = new ArrayList<>();
        for (Element product : page.select("[itemscope][itemtype~=(?i)schema\\.org/Product$]")) {
            Element offer = product.selectFirst("[itemprop=offers]");
            Element scope = offer != null ? offer : product;
            String price = prop(scope, "price");
            listings.add(new Listing(
                    prop(product, "sku"),
                    prop(product, "name"),
                    prop(product, "brand"),
                    prop(product, "url") != null ? prop(product, "url") : page.location(),
                    prop(product, "image"),
                    price == null ? null : decimalOrNull(price),
                    null,
                    prop(scope, "priceCurrency"),
                    JsonLdProducts.availability(prop(scope, "availability")))
                    .withIdentifiers(firstProp(product, "gtin13", "gtin", "gtin14", "gtin12", "gtin8"),
                            prop(product, "mpn"), prop(product, "category")));
        }
        return listings;
    }

    private static String firstProp(Element scope, String... names) {
        for (String name : names) {
            String value = prop(scope, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static BigDecimal decimalOrNull(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new UnreadableResponseException("microdata price '" + text + "' is not a decimal");
        }
    }

    /** An itemprop's value: content, then href/src for links and images, then the text. */
    private static String prop(Element scope, String name) {
        Element e = scope.selectFirst("[itemprop=" + name + "]");
        if (e == null) {
            return null;
        }
        String value;
        if (e.hasAttr("content")) {
            value = e.attr("content");
        } else if (e.hasAttr("href")) {
            value = e.absUrl("href");
        } else if (e.hasAttr("src")) {
            value = e.absUrl("src");
        } else {
            value = e.text();
        }
        return value.isBlank() ? null : value.strip();
    }

    private List<Listing> bySelectors(Document page, Map<String, String> selectors) {
        List<Listing> listings = new ArrayList<>();
        UnreadableResponseException firstProblem = null;
        for (Element product : page.select(selectors.get("product"))) {
            try {
                listings.add(cardBySelectors(product, selectors));
            } catch (UnreadableResponseException e) {
                // one card with odd price text should not hide the others
                firstProblem = firstProblem == null ? e : firstProblem;
            }
        }
        if (listings.isEmpty() && firstProblem != null) {
            throw firstProblem;
        }
        return listings;
    }

    private Listing cardBySelectors(Element product, Map<String, String> selectors) {
        Element link = pick(product, selectors.get("url"));
        Element named = pick(product, selectors.get("name"));
        Element image = pick(product, selectors.get("image"));
        String outOfStock = selectors.get("out_of_stock");
        Money price = money(text(product, selectors.get("price")));
        Money listPrice = money(text(product, selectors.get("list_price")));
        return new Listing(
                text(product, selectors.get("id")),
                named == null ? null : valueOf(named, selectors.get("name")),
                text(product, selectors.get("brand")),
                link == null ? null : link.absUrl("href"),
                image == null ? null : imageUrl(image, selectors.get("image")),
                price == null ? null : price.amount(),
                listPrice == null ? null : listPrice.amount(),
                price == null ? null : price.currency().getCurrencyCode(),
                outOfStock == null ? Availability.UNKNOWN : Availability.of(product.select(outOfStock).isEmpty()))
                .withIdentifiers(text(product, selectors.get("gtin")), text(product, selectors.get("model")),
                        text(product, selectors.get("category")));
    }

    /**
     * The element {@code selector} names within {@code scope}, the card itself included. A selector may end in
     * {@code @attr} to read that attribute instead of the text ({@code "@title"}: the card's own title attribute).
     */
    private static String imageUrl(Element image, String selector) {
        String attribute = StoreConfig.attributeOf(selector);
        String url = image.absUrl(attribute != null ? attribute : image.hasAttr("data-src") ? "data-src" : "src");
        return url.isEmpty() ? null : url;
    }

    private static Element pick(Element scope, String selector) {
        if (selector == null) {
            return null;
        }
        String css = StoreConfig.cssOf(selector);
        return css.isEmpty() ? scope : scope.selectFirst(css);
    }

    private static String text(Element scope, String selector) {
        Element e = pick(scope, selector);
        return e == null ? null : valueOf(e, selector);
    }

    private static String valueOf(Element e, String selector) {
        String attribute = StoreConfig.attributeOf(selector);
        String value = attribute == null ? e.text() : e.attr(attribute);
        return value.isBlank() ? null : value;
    }

    /** Price text as Guatemalan stores print it ("Q1,299.00"); the store's currency when the text names none. */
    private Money money(String text) {
        if (text == null) {
            return null;
        }
        try {
            return prices.parse(text);
        } catch (InvalidValueException e) {
            throw new UnreadableResponseException(e.getMessage());
        }
    }
}
