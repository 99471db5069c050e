package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.StartSearchCommand;

/** The body of {@code POST /search}: {@code {query, max_results?}}. */
record SearchRequestJson(String query, Integer maxResults) {

    /**
     * Validates through the command: a bad query or size is a 400 naming {@code query} or {@code max_results}. A
     * query holding half of a UTF-16 surrogate pair ({@code "\ud800"} escaped in JSON) is no text at all; it is
     * refused here rather than stored as {@code ?}.
     */
    StartSearchCommand toCommand(boolean useCache) {
        if (query != null && hasLoneSurrogate(query)) {
            throw ProblemException.badRequest("query", "must be text (it holds half of a UTF-16 surrogate pair)");
        }
        return StartSearchCommand.of(query, maxResults, useCache);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
