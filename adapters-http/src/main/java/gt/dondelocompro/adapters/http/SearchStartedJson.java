package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.SearchTicket;

import java.util.UUID;

/** The answer to {@code POST /search}: where to follow the search live and where to read its results. */
record SearchStartedJson(UUID searchId, String status, String sseUrl, String resultsUrl, String message,
                         boolean cached) {

    static SearchStartedJson from(SearchTicket ticket, String baseUrl) {
        String path = baseUrl + "/search/" + ticket.searchId();
        String message = ticket.cached()
                ? "Answered from a recent identical search; the event stream replays it."
                : "Search started; follow sse_url for offers as each store answers.";
        return new SearchStartedJson(ticket.searchId(), ticket.status().wireName(), path + "/events",
                path + "/results", message, ticket.cached());
    }
}
