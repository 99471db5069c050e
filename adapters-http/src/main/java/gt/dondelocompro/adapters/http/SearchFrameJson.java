package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.StartSearchCommand;

/** The frame that starts a search on {@code /ws/search}: the body of {@code POST /search} plus {@code use_cache}. */
record SearchFrameJson(String query, Integer maxResults, Boolean useCache) {

    /** Validates as {@code POST /search} does; {@code use_cache} defaults to true, as its query parameter. */
    StartSearchCommand toCommand() {
        return new SearchRequestJson(query, maxResults).toCommand(useCache == null || useCache);
    }
}
