package gt.dondelocompro.adapters.scraping.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request a store adapter asks for: GET, or POST with a body (a JSON search API), with the {@code Accept} it
 * wants and any headers the store's API expects ({@code Origin}, {@code Referer}, {@code Content-Type}). The
 * polite client adds User-Agent and Accept-Encoding itself; those may not be set here.
 */
public record FetchRequest(URI uri, String method, String accept, Map<String, String> headers, byte[] body) {

    private static final Set<String> OWN_HEADERS = Set.of("user-agent", "accept", "accept-encoding", "host",
            "content-length", "connection");

    public FetchRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(accept, "accept");
        if (!"GET".equals(method) && !"POST".equals(method)) {
            throw new IllegalArgumentException("method must be GET or POST, was " + method);
        }
        if ("GET".equals(method) && body != null) {
            throw new IllegalArgumentException("a GET has no body");
        }
        headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
        for (String name : headers.keySet()) {
            if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the polite client");
            }
        }
        body = body == null ? null : body.clone();
    }

    public static FetchRequest get(URI uri, String accept) {
        return new FetchRequest(uri, "GET", accept, Map.of(), null);
    }

    public static FetchRequest get(URI uri, String accept, Map<String, String> headers) {
        return new FetchRequest(uri, "GET", accept, headers, null);
    }

    public static FetchRequest post(URI uri, String accept, Map<String, String> headers, byte[] body) {
        return new FetchRequest(uri, "POST", accept, headers, Objects.requireNonNull(body, "body"));
    }

    /** The same request sent to {@code next}; a redirected POST becomes a GET unless the status was 307 or 308. */
    FetchRequest redirectedTo(URI next, int status) {
        boolean keep = status == 307 || status == 308;
        return keep || method.equals("GET") ? new FetchRequest(next, method, accept, headers, body)
                : new FetchRequest(next, "GET", accept, withoutContentType(headers), null);
    }

    private static Map<String, String> withoutContentType(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(name -> name.equalsIgnoreCase("content-type"));
        return copy;
    }

    @Override
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
