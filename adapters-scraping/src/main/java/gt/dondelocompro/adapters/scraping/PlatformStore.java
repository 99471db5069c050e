package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.FetchException;
import gt.dondelocompro.adapters.scraping.http.FetchOptions;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.Vendor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * What every platform adapter shares: build the search URL, fetch it through the polite client, let the
 * platform read its listings, then turn them into offers the same way everywhere (entities decoded, URLs made
 * absolute, the store's currency where the response states none, "no price" dropped and counted) and type
 * every failure with a message naming the store.
 */
abstract class PlatformStore implements Store {

    protected final StoreConfig config;
    private final Vendor vendor;
    private final PoliteHttpClient http;
    private final FetchOptions options;

    protected PlatformStore(StoreConfig config, PoliteHttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.vendor = config.vendor();
        this.options = config.fetchOptions();
    }

    @Override
    public Vendor vendor() {
        return vendor;
    }

    @Override
    public final StoreResult search(SearchQuery query, int maxResults) throws InterruptedException {
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, was " + maxResults);
        }
        int limit = Math.min(maxResults, config.maxResults());
        URI uri = searchUri(query.original(), limit);
        FetchResponse response;
        try {
            response = http.get(uri, options, accept());
        } catch (FetchException e) {
            return failure(e.kind(), e.getMessage());
        }
        List<Listing> listings;
        try {
            listings = read(response);
        } catch (RuntimeException e) {
            String marker = botChallengeMarker(response);
            if (marker != null) {
                return failure(FailureKind.BLOCKED, "GET " + response.uri() + " answered HTTP " + response.status()
                        + " with a bot challenge instead of a " + config.platform() + " search (the page mentions '"
                        + marker + "'): the store's captcha or bot defence refused us");
            }
            if (e instanceof UnreadableResponseException) {
                return failure(FailureKind.PARSE, "GET " + response.uri() + " answered HTTP " + response.status()
                        + " but it could not be read as a " + config.platform() + " search: " + e.getMessage());
            }
            return failure(FailureKind.PARSE, "GET " + response.uri() + " could not be read as a " + config.platform()
                    + " search (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return toOffers(listings, limit, response);
    }

    // words of captcha and bot-defence pages (reCAPTCHA, hCaptcha, Cloudflare, DataDome, PerimeterX)
    private static final List<String> BOT_CHALLENGE_MARKERS =
            List.of("captcha", "challenge-platform", "cf-chl", "datadome", "px-block", "are you a robot");

    /**
     * The bot-defence word in a response that could not be read, or null. Asked only of unreadable answers, so a
     * store whose pages mention "captcha" but list products is still read.
     */
    private static String botChallengeMarker(FetchResponse response) {
        String head = new String(response.body(), 0, Math.min(response.body().length, 64 * 1024),
                StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        return BOT_CHALLENGE_MARKERS.stream().filter(head::contains).findFirst().orElse(null);
    }

    /** The absolute URL to search for {@code query}, asking for {@code limit} products. */
    protected abstract URI searchUri(String query, int limit);

    /** Every listing in the response, in the store's order; throws {@link UnreadableResponseException} on a wrong shape. */
    protected abstract List<Listing> read(FetchResponse response);

    protected String accept() {
        return "application/json";
    }

    private StoreResult toOffers(List<Listing> listings, int limit, FetchResponse response) {
        List<Offer> offers = new ArrayList<>();
        int withoutPrice = 0;
        String firstProblem = null;
        for (Listing listing : listings) {
            if (offers.size() >= limit) {
                break;
            }
            if (listing.price() == null || listing.price().signum() == 0) {
                withoutPrice++;
                continue;
            }
            try {
                offers.add(toOffer(listing));
            } catch (InvalidValueException | UnreadableResponseException e) {
                // one odd product should not hide the others; only "none readable" is a parse failure
                firstProblem = firstProblem == null ? e.getMessage() : firstProblem;
            }
        }
        if (offers.isEmpty() && withoutPrice == 0 && firstProblem != null) {
            return failure(FailureKind.PARSE, "GET " + response.uri() + " listed " + listings.size()
                    + " products but none could be read; first problem: " + firstProblem);
        }
        return new StoreResult.Offers(offers, withoutPrice);
    }

    private Offer toOffer(Listing l) {
        Currency currency = currency(l.currency());
        Money price = new Money(l.price(), currency);
        Money listPrice = l.listPrice() == null || l.listPrice().signum() == 0 ? null : new Money(l.listPrice(), currency);
        if (l.url() == null) {
            throw new UnreadableResponseException("product '" + l.name() + "' has no URL");
        }
        return Offer.of(vendor, clean(l.productId()), clean(l.name()), clean(l.brand()), absolute(l.url()),
                l.imageUrl() == null ? null : absolute(l.imageUrl()), price, listPrice, l.availability());
    }

    private Currency currency(String code) {
        if (code == null || code.isBlank()) {
            return config.currency();
        }
        try {
            return Currency.getInstance(code.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnreadableResponseException("unknown currency code '" + code + "'");
        }
    }

    /** The body as an HTML document; without a charset in Content-Type, jsoup reads the page's meta charset. */
    static Document html(FetchResponse response) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(response.body()), response.declaredCharset(), response.uri().toString());
        } catch (IOException e) {
            throw new UnreadableResponseException("the HTML could not be read (" + e.getMessage() + ")", e);
        }
    }

    /** HTML entities decoded ("&amp;" to "&") and surrounding space removed; null and blank stay null. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String s = Parser.unescapeEntities(text, false).strip();
        return s.isEmpty() ? null : s;
    }

    /** {@code ref} made absolute against the store's base URL; absolute URLs are kept exactly as given. */
    String absolute(String ref) {
        String r = ref.strip();
        if (r.startsWith("http://") || r.startsWith("https://")) {
            return r;
        }
        if (r.startsWith("//")) {
            return config.baseUrl().getScheme() + ":" + r;
        }
        try {
            return config.baseUrl().resolve(r).toString();
        } catch (IllegalArgumentException notAUri) {
            String base = config.baseUrl().getScheme() + "://" + config.baseUrl().getRawAuthority();
            return base + (r.startsWith("/") ? r : "/" + r);
        }
    }

    /** The store's base URL joined with {@code pathAndQuery} (which starts with '/'), keeping any base path. */
    protected URI resolve(String pathAndQuery) {
        String base = config.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + pathAndQuery);
    }

    /** Percent-encoding for a query value or a path segment; a space is %20, which both accept. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The configured {@code search_path}, or the platform's default; JSON platforms add their query parameters after it. */
    protected String searchPath(String defaultPath) {
        return config.searchPath() == null ? defaultPath : config.searchPath();
    }

    private StoreResult.Failure failure(FailureKind kind, String message) {
        return new StoreResult.Failure(kind, "store '" + vendor.id() + "': " + message);
    }

    static BigDecimal positiveOrNull(BigDecimal amount) {
        return amount == null || amount.signum() <= 0 ? null : amount;
    }
}
