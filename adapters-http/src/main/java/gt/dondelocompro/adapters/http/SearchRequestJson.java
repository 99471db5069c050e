package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.StartSearchCommand;

/** The body of {@code POST /search}: {@code {query, max_results?}}. */
record SearchRequestJson(String query, Integer maxResults) {

    /** Validates through the command: a bad query or size is a 400 naming {@code query} or {@code max_results}. */
    StartSearchCommand toCommand(boolean useCache) {
        return StartSearchCommand.of(query, maxResults, useCache);
    }
}
