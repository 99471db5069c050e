package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.CatalogProductUseCase;
import gt.dondelocompro.application.port.in.EventSubscription;
import gt.dondelocompro.application.port.in.GetSearchUseCase;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.ServiceClosedException;
import gt.dondelocompro.application.port.in.PriceHistoryUseCase;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.identity.Identity;
import gt.dondelocompro.domain.identity.ProductFacts;
import gt.dondelocompro.domain.SearchSnapshot;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /search} (rate limited per client), {@code GET /search/{id}/events} (the live stream, with replay)
 * and {@code GET /search/{id}/results}.
 */
final class SearchHttpService implements HttpService {

    static final String LAST_EVENT_ID_PARAM = "last_event_id";
    static final io.helidon.http.HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");

    private final StartSearchUseCase startSearch;
    private final GetSearchUseCase getSearch;
    private final SubscribeToSearchUseCase subscribe;
    private final PriceHistoryUseCase products;
    private final CatalogProductUseCase catalog;
    private final RateLimiter rateLimiter;
    private final SearchEventStream stream;

    SearchHttpService(StartSearchUseCase startSearch, GetSearchUseCase getSearch, SubscribeToSearchUseCase subscribe,
                      PriceHistoryUseCase products, CatalogProductUseCase catalog, HttpSettings settings) {
        this.startSearch = startSearch;
        this.products = products;
        this.catalog = catalog;
        this.getSearch = getSearch;
        this.subscribe = subscribe;
        this.rateLimiter = new RateLimiter(settings.searchesPerMinute(), settings.sharedRateLimits(), "search");
        this.stream = new SearchEventStream(settings.heartbeatInterval(), Clock.systemUTC());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/search", this::start)
                .any("/search", Problems.methodNotAllowed("POST"))
                .get("/search/{id}/events", this::events)
                .any("/search/{id}/events", Problems.methodNotAllowed("GET"))
                .get("/search/{id}/results", this::results)
                .any("/search/{id}/results", Problems.methodNotAllowed("GET"));
    }

    private void start(ServerRequest req, ServerResponse res) {
        Optional<Duration> wait = rateLimiter.tryAcquire(Requests.client(req));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ProblemException(Status.TOO_MANY_REQUESTS_429,
                    "too many searches from this client; try again in " + seconds + " s", null,
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        SearchRequestJson body = Requests.readJson(Requests.jsonBody(req), SearchRequestJson.class);
        boolean useCache = Requests.booleanParam(req, "use_cache", true);
        var command = body.toCommand(useCache);
        SearchTicket ticket;
        try {
            ticket = startSearch.startSearch(command);
        } catch (ServiceClosedException shuttingDown) {
            throw new ProblemException(Status.SERVICE_UNAVAILABLE_503, "the service is shutting down; try again shortly");
        }
        Json.send(res, SearchStartedJson.from(ticket, Requests.baseUrl(req)));
    }

    private void results(ServerRequest req, ServerResponse res) {
        UUID id = Requests.searchId(req);
        ResultsFilter filter = Requests.resultsFilter(req);
        SearchSnapshot search = getSearch.getSearch(id).orElseThrow(() -> Requests.noSuchSearch(id));
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        // one lookup for all offers, and none while the search runs: its products are recorded once it is finished
        Map<Offer, Long> productIds = search.isFinished() ? products.productIdsOf(search.offers()) : Map.of();
        // the catalog product of each recorded offer of certain identity, in one lookup too
        Map<Offer, Long> catalogIds = search.isFinished() ? catalogIds(search.offers()) : Map.of();
        Json.send(res, SearchResultsJson.from(search, productIds, catalogIds, filter));
    }

    private Map<Offer, Long> catalogIds(List<Offer> offers) {
        Map<String, Long> byKey = catalog.catalogProductIdsOf(offers);
        Map<Offer, Long> ids = new HashMap<>();
        if (byKey.isEmpty()) {
            return ids;
        }
        for (Offer offer : offers) {
            String key = Identity.of(ProductFacts.of(offer)).matchKey();
            if (key != null && byKey.containsKey(key)) {
                ids.put(offer, byKey.get(key));
            }
        }
        return ids;
    }

    private void events(ServerRequest req, ServerResponse res) {
        UUID id = Requests.searchId(req);
        long after = lastEventId(req);
        EventSubscription subscription = subscribe.subscribe(id, after).orElseThrow(() -> Requests.noSuchSearch(id));
        stream.send(id, subscription, res);
    }

    /** Resume after this event: the {@code Last-Event-ID} header, or the query parameter for clients without headers. */
    private static long lastEventId(ServerRequest req) {
        Optional<String> raw = req.headers().first(LAST_EVENT_ID).map(String::strip).filter(s -> !s.isEmpty())
                .or(() -> Requests.stringParam(req, LAST_EVENT_ID_PARAM));
        if (raw.isEmpty()) {
            return 0;
        }
        try {
            long id = Long.parseLong(raw.get());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(LAST_EVENT_ID_PARAM,
                    "must be the id of an event already received, was '" + Requests.printable(raw.get()) + "'");
        }
    }
}
