package gt.dondelocompro.adapters.scraping;

import gt.dondelocompro.adapters.scraping.http.BotDefence;
import gt.dondelocompro.adapters.scraping.http.FetchContext;
import gt.dondelocompro.adapters.scraping.http.FetchException;
import gt.dondelocompro.adapters.scraping.http.FetchRequest;
import gt.dondelocompro.adapters.scraping.http.FetchOptions;
import gt.dondelocompro.adapters.scraping.http.FetchResponse;
import gt.dondelocompro.adapters.scraping.http.PoliteHttpClient;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreRequest;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.Relevance;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    private final PlatformStore fallback;

    protected PlatformStore(StoreConfig config, PoliteHttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.vendor = config.vendor();
        this.options = config.fetchOptions();
        this.fallback = config.fallback() == null ? null
                : (PlatformStore) config.fallback().platform().create(config.asFallback(), http);
    }

    @Override
    public Vendor vendor() {
        return vendor;
    }

    @Override
    public final StoreResult search(SearchQuery query, int maxResults) throws InterruptedException {
        return search(StoreRequest.of(query, maxResults));
    }

    /**
     * Every request this search makes waits at its host's gate only while {@code request} still wants the answer, and
     * is refused {@code busy} at once when the host's queue cannot be served before the request's deadline.
     */
    @Override
    public final StoreResult search(StoreRequest request) throws InterruptedException {
        SearchQuery query = request.query();
        int limit = Math.min(request.maxResults(), config.maxResults());
        FetchContext context = new FetchContext(vendor.id(), request.deadline(), request::stillWanted);
        StoreResult result = searchEachWay(query.original(), limit, context);
        if (result instanceof StoreResult.Offers found && found.offers().isEmpty()) {
            String relaxed = QueryRelaxation.firstSignificantWord(query.original());
            if (relaxed != null) {
                // the peer's rule: a multi-word query that finds nothing is asked again with its first significant
                // word, and only what is relevant to the shopper's own words is kept from that wider answer
                StoreResult wider = searchEachWay(relaxed, limit, context);
                if (wider instanceof StoreResult.Offers widerFound) {
                    List<Offer> relevant = widerFound.offers().stream()
                            .filter(o -> Relevance.score(query, o.name()).compareTo(Relevance.THRESHOLD) >= 0)
                            .toList();
                    return new StoreResult.Offers(relevant, found.droppedWithoutPrice(), widerFound.via(), relaxed);
                }
            }
        }
        return result;
    }

    /** The store's own way first; its fallback when that answered 404/410 or a body it could not read. */
    private StoreResult searchEachWay(String query, int limit, FetchContext context) throws InterruptedException {
        Attempt first = attempt(query, limit, context);
        if (!first.secondWayMayHelp() || fallback == null) {
            return first.result();
        }
        Attempt second = fallback.attempt(query, limit, context);
        if (second.result() instanceof StoreResult.Failure failed) {
            StoreResult.Failure firstFailure = (StoreResult.Failure) first.result();
            return new StoreResult.Failure(failed.kind(), failed.message() + " (tried after its " + config.platform()
                    + " way failed: " + firstFailure.message() + ")");
        }
        return second.result();
    }

    /** One way's answer, and whether the store's second way is worth asking (404/410, an unreadable body). */
    private record Attempt(StoreResult result, boolean secondWayMayHelp) {
    }

    private Attempt attempt(String query, int limit, FetchContext context) throws InterruptedException {
        FetchRequest request = request(query, limit);
        FetchResponse response;
        try {
            response = http.fetch(request, options, context);
        } catch (FetchException e) {
            return new Attempt(failure(e.kind(), e.getMessage()), e.status() == 404 || e.status() == 410);
        }
        String call = request.method() + " " + response.uri();
        List<Listing> listings;
        try {
            listings = read(response);
        } catch (RuntimeException e) {
            Optional<String> marker = BotDefence.inBody(response.body());
            if (marker.isPresent()) {
                return new Attempt(failure(FailureKind.BLOCKED, call + " answered HTTP " + response.status()
                        + " with a bot challenge instead of a " + config.platform() + " search (the page mentions '"
                        + marker.get() + "'): the store's captcha or bot defence refused us"), false);
            }
            if (e instanceof UnreadableResponseException) {
                return new Attempt(failure(FailureKind.PARSE, call + " answered HTTP " + response.status()
                        + " but it could not be read as a " + config.platform() + " search: " + e.getMessage(), response), true);
            }
            return new Attempt(failure(FailureKind.PARSE, call + " could not be read as a " + config.platform()
                    + " search (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", response), true);
        }
        StoreResult result = toOffers(listings, limit, call, response);
        return new Attempt(result, result instanceof StoreResult.Failure);
    }

    /** The request that searches for {@code query}: by default a GET of {@link #searchUri} with {@link #headers}. */
    protected FetchRequest request(String query, int limit) {
        return FetchRequest.get(searchUri(query, limit), accept(), headers());
    }

    /** Headers the platform's API expects besides Accept (Origin, Referer ...); none by default. */
    protected Map<String, String> headers() {
        return Map.of();
    }

    /** The absolute URL to search for {@code query}, asking for {@code limit} products. */
    protected abstract URI searchUri(String query, int limit);

    /** Every listing in the response, in the store's order; throws {@link UnreadableResponseException} on a wrong shape. */
    protected abstract List<Listing> read(FetchResponse response);

    protected String accept() {
        return "application/json";
    }

    private StoreResult toOffers(List<Listing> listings, int limit, String call, FetchResponse response) {
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
            return failure(FailureKind.PARSE, call + " listed " + listings.size()
                    + " products but none could be read; first problem: " + firstProblem, response);
        }
        return new StoreResult.Offers(offers, withoutPrice, config.platform().id(), null);
    }

    private Offer toOffer(Listing l) {
        Currency currency = currency(l.currency());
        Money price = new Money(l.price(), currency);
        Money listPrice = l.listPrice() == null || l.listPrice().signum() == 0 ? null : new Money(l.listPrice(), currency);
        if (l.url() == null) {
            throw new UnreadableResponseException("product '" + l.name() + "' has no URL");
        }
        return Offer.of(vendor, clean(l.productId()), clean(l.name()), clean(l.brand()), absolute(l.url()),
                l.imageUrl() == null ? null : absolute(l.imageUrl()), price, listPrice, l.availability())
                .withIdentifiers(clean(l.gtin()), clean(l.model()), clean(l.category()));
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

    /** A failure to read {@code response}, with the start of what it was for the operators' log (the site changed?). */
    private StoreResult.Failure failure(FailureKind kind, String message, FetchResponse response) {
        return new StoreResult.Failure(kind, "store '" + vendor.id() + "': " + message, sample(response.text()));
    }

    static final int SAMPLE_LINES = 8;
    static final int SAMPLE_CHARS = 800;

    /** The first {@link #SAMPLE_LINES} non-blank lines of a body, at most {@link #SAMPLE_CHARS} characters, cleaned for a log. */
    static String sample(String body) {
        String lines = String.join("\n", body.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(SAMPLE_LINES).toList());
        String cleaned = gt.dondelocompro.domain.StorableText.clean(lines, SAMPLE_CHARS);
        return cleaned.isEmpty() ? "(an empty body)" : cleaned + (cleaned.length() < lines.length() ? " ..." : "");
    }

    static BigDecimal positiveOrNull(BigDecimal amount) {
        return amount == null || amount.signum() <= 0 ? null : amount;
    }
}
