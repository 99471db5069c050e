package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.SearchTicket;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The answer to {@code POST /search}: where to follow the search live and where to read its results; for an
 * answer from the cache, {@code cache_age_seconds} says how old it is (null otherwise), and a {@code stale} one names
 * the search refreshing it ({@code refresh_search_id}); a search following an identical one still running names
 * it in {@code joined_from}.
 */
record SearchStartedJson(UUID searchId, String status, String sseUrl, String resultsUrl, String message,
                         boolean cached, BigDecimal cacheAgeSeconds, boolean stale, UUID refreshSearchId, UUID joinedFrom) {

    static SearchStartedJson from(SearchTicket ticket, String baseUrl) {
        String path = baseUrl + "/search/" + ticket.searchId();
        String message;
        if (ticket.stale()) {
            message = "Answered from an older identical search; refresh_search_id is asking the stores again.";
        } else if (ticket.cached()) {
            message = "Answered from a recent identical search; the event stream replays it.";
        } else if (ticket.joinedFrom() != null) {
            message = "Following an identical search already running; the event stream replays it and continues live.";
        } else {
            message = "Search started; follow sse_url for offers as each store answers.";
        }
        return new SearchStartedJson(ticket.searchId(), ticket.status().wireName(), path + "/events",
                path + "/results", message, ticket.cached(), EventJson.seconds(ticket.cacheAge()), ticket.stale(),
                ticket.refreshSearchId(), ticket.joinedFrom());
    }
}
