package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.http.Status;

/**
 * An RFC 9457 problem body. {@code type} is {@code about:blank}, so {@code title} is the status' reason phrase;
 * {@code field} (an extension member) names the offending input of a 400, and is left out otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProblemJson(String type, String title, int status, String detail, String field, String instance) {

    static final String MEDIA_TYPE = "application/problem+json";

    static ProblemJson of(Status status, String detail, String field, String instance) {
        return new ProblemJson("about:blank", status.reasonPhrase(), status.code(), detail, field, instance);
    }
}
