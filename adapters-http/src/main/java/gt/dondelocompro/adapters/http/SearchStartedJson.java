package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.SearchTicket;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The answer to {@code POST /search}: where to follow the search live and where to read its results; for an
 * answer from the cache, {@code cache_age_seconds} says how old it is (null otherwise).
 */
record SearchStartedJson(UUID searchId, String status, String sseUrl, String resultsUrl, String message,
                         boolean cached, BigDecimal cacheAgeSeconds) {

    static SearchStartedJson from(SearchTicket ticket, String baseUrl) {
        String path = baseUrl + "/search/" + ticket.searchId();
        String message = ticket.cached()
                ? "Answered from a recent identical search; the event stream replays it."
                : "Search started; follow sse_url for offers as each store answers.";
        return new SearchStartedJson(ticket.searchId(), ticket.status().wireName(), path + "/events",
                path + "/results", message, ticket.cached(), EventJson.seconds(ticket.cacheAge()));
    }
}
