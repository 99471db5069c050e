package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchQuery;

/** A shopper's request to search: the query, offers per store (1-50) and whether a recent answer may be reused. */
public record StartSearchCommand(SearchQuery query, int maxResults, boolean useCache) {

    public StartSearchCommand {
        if (query == null) {
            throw new gt.dondelocompro.domain.InvalidValueException("query", "is required");
        }
        Search.checkMaxResults(maxResults);
    }

    /** Validates raw input; {@code maxResults} null means the default of 10. */
    public static StartSearchCommand of(String query, Integer maxResults, boolean useCache) {
        return new StartSearchCommand(SearchQuery.of(query), maxResults == null ? Search.DEFAULT_MAX_RESULTS : maxResults, useCache);
    }
}
