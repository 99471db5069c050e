package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reading what a request carries, refusing what breaks the contract with the status it calls for. */
final class Requests {

    private static final Pattern PRICE = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,4})?");
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:\\d{1,5})?");

    private Requests() {
    }

    /** A whole number query parameter; absent gives the default; not a number is a 400 naming it. */
    static int intParam(ServerRequest req, String name, int defaultValue) {
        return optionalIntParam(req, name).orElse(defaultValue);
    }

    static OptionalInt optionalIntParam(ServerRequest req, String name) {
        Optional<String> raw = stringParam(req, name);
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(raw.get()));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number, was '" + printable(raw.get()) + "'");
        }
    }

    static boolean booleanParam(ServerRequest req, String name, boolean defaultValue) {
        Optional<String> raw = stringParam(req, name).map(s -> s.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ProblemException.badRequest(name, "must be true or false, was '" + printable(raw.get()) + "'");
        };
    }

    /**
     * The filters of a search's results: {@code brand} and {@code category} as text, {@code min_price} and
     * {@code max_price} numbers ≥ 0 with {@code min_price} ≤ {@code max_price}, {@code in_stock} true or false;
     * each bad value is a 400 naming its parameter.
     */
    static ResultsFilter resultsFilter(ServerRequest req) {
        BigDecimal min = priceParam(req, "min_price");
        BigDecimal max = priceParam(req, "max_price");
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw ProblemException.badRequest("min_price", "must not be above max_price (" + max.toPlainString()
                    + "), was " + min.toPlainString());
        }
        Optional<String> inStock = stringParam(req, "in_stock");
        if (inStock.isPresent() && !inStock.get().equals("true") && !inStock.get().equals("false")) {
            throw ProblemException.badRequest("in_stock", "must be true or false, was '" + printable(inStock.get()) + "'");
        }
        return new ResultsFilter(stringParam(req, "brand").orElse(null), stringParam(req, "category").orElse(null),
                min, max, inStock.map(Boolean::parseBoolean).orElse(false));
    }

    /** An amount in major units such as {@code 499} or {@code 499.99}; absent is null. */
    private static BigDecimal priceParam(ServerRequest req, String name) {
        Optional<String> raw = stringParam(req, name);
        if (raw.isEmpty()) {
            return null;
        }
        if (!PRICE.matcher(raw.get()).matches()) {
            throw ProblemException.badRequest(name, "must be a number ≥ 0 such as 499.99, was '" + printable(raw.get()) + "'");
        }
        return new BigDecimal(raw.get());
    }

    /** A query parameter, stripped; absent or blank is empty. Every parameter is read here (see {@link #checked}). */
    static Optional<String> stringParam(ServerRequest req, String name) {
        return req.query().first(name).asOptional().map(value -> checked(name, value))
                .map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A path parameter ({@code {id}} and the like), checked as query parameters are. */
    static String pathParam(ServerRequest req, String name) {
        return checked(name, req.path().pathParameters().get(name));
    }

    /**
     * A parameter's decoded value, refused with a 400 naming it when it holds a control character (NUL, line breaks,
     * escapes): no field of the contract takes one, and some (NUL) would fail deeper down (PostgreSQL refuses NUL in
     * text) as a server error instead of the client's.
     */
    private static String checked(String name, String value) {
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest(name, "must not contain control characters");
        }
        return value;
    }

    /** A search id from the path; one that is not a UUID names no search, so it is a 404 like an unknown one. */
    static UUID searchId(ServerRequest req) {
        String raw = pathParam(req, "id");
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw noSuchSearch(raw);
        }
    }

    static ProblemException noSuchSearch(Object id) {
        return ProblemException.notFound("no search with id '" + printable(String.valueOf(id))
                + "' (unknown, expired, or not a search id)");
    }

    /** The body of a JSON request; the server's payload limit caps its size (413 before it is read). */
    static byte[] jsonBody(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        boolean json = type.map(t -> t.test(MediaTypes.APPLICATION_JSON) || t.subtype().endsWith("+json")).orElse(false);
        if (!json) {
            throw new ProblemException(Status.UNSUPPORTED_MEDIA_TYPE_415,
                    "the body must be JSON (Content-Type: application/json), was "
                            + type.map(t -> "'" + t.mediaType().text() + "'").orElse("no Content-Type"));
        }
        try (InputStream in = req.content().inputStream()) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw unreadableBody(e);
        }
    }

    /**
     * Why a body could not be read, as the client's problem: it stopped sending before its {@code Content-Length}
     * or its last chunk (408, once the read timeout passed), or its chunked framing is broken (400; Helidon reads
     * no chunk extensions, RFC 9112 section 7.1.1, so {@code 1a;name=value} is refused too). Either way the rest of
     * the connection cannot be trusted, so it is closed.
     */
    private static RuntimeException unreadableBody(Exception e) {
        if (e instanceof RequestException || e instanceof HttpException) {
            return (RuntimeException) e; // Helidon's own refusals (a body over the cap: 413) answer themselves
        }
        Map<String, String> close = Map.of("Connection", "close");
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new ProblemException(Status.REQUEST_TIMEOUT_408,
                        "the body did not arrive in time; send all of it at once", "body", close);
            }
        }
        String message = String.valueOf(e.getMessage());
        String detail = message.contains(";")
                ? "chunk extensions (size;name=value) are not supported; send plain chunk sizes"
                : "the body could not be read: its chunked encoding or length is malformed";
        return new ProblemException(Status.BAD_REQUEST_400, detail, "body", close);
    }

    /**
     * Reads a JSON body into {@code type}, strictly ({@link Json#MAPPER}); each refusal is a 400 naming the field
     * ({@code body} when it is the document itself): malformed JSON, trailing content after the document, a key
     * given twice, a field the body does not have, a value of the wrong type.
     */
    static <T> T readJson(byte[] body, Class<T> type) {
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw ProblemException.badRequest("body", "must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest(Requests.printable(e.getPropertyName()), "is not a field of this body; known: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() || e.getPath().getFirst().getFieldName() == null
                    ? "body" : Requests.printable(fieldPath(e.getPath()));
            if (field.equals("body")) {
                throw ProblemException.badRequest(field, e.getOriginalMessage().contains("Trailing token")
                        ? "must be one JSON document, with nothing after it" : "must be a JSON object");
            }
            throw ProblemException.badRequest(field, "has the wrong type");
        } catch (InputCoercionException e) {
            String field = e.getProcessor() instanceof JsonParser p && currentName(p) != null ? currentName(p) : "body";
            throw ProblemException.badRequest(Requests.printable(field), "is out of range");
        } catch (JsonProcessingException e) {
            String name = e.getProcessor() instanceof JsonParser p ? currentName(p) : null;
            if (name != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw ProblemException.badRequest(Requests.printable(name), "is given more than once");
            }
            throw ProblemException.badRequest("body", "is not valid JSON: " + Requests.printable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code rule.below_price} for a field of a nested object. */
    private static String fieldPath(java.util.List<JsonMappingException.Reference> path) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() == null) {
                break;
            }
            name.append(name.isEmpty() ? "" : ".").append(r.getFieldName());
        }
        return name.toString();
    }

    private static String currentName(JsonParser parser) {
        try {
            return parser.currentName();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Where this service is, as the client reached it: the scheme and host a trusted proxy says the client used
     * ({@link TrustedProxies}), else the scheme Helidon saw and the request's Host header, when it is a plausible host.
     */
    static String baseUrl(ServerRequest req) {
        TrustedProxies.Origin origin = origin(req);
        Optional<String> host = origin.host().filter(h -> HOST.matcher(h).matches()).or(() -> req.headers().first(HeaderNames.HOST));
        return baseUrl(origin.scheme().orElse(req.requestedUri().scheme()), host, req.requestedUri().authority());
    }

    /** The same, from parts: a WebSocket upgrade has its Host header and socket, but no {@link ServerRequest}. */
    static String baseUrl(String scheme, Optional<String> hostHeader, String fallbackAuthority) {
        return scheme + "://" + hostHeader.filter(h -> HOST.matcher(h).matches()).orElse(fallbackAuthority);
    }

    /**
     * Who is asking, for the rate limit: the remote address, or the client a trusted proxy forwarded the request
     * for ({@link TrustedProxies}).
     */
    static String client(ServerRequest req) {
        return origin(req).client();
    }

    /** What {@link ClientOriginFilter} found out about the request; its socket alone when the filter did not run. */
    private static TrustedProxies.Origin origin(ServerRequest req) {
        return req.context().get(TrustedProxies.Origin.class)
                .orElseGet(() -> new TrustedProxies.Origin(req.remotePeer().host(), Optional.empty(), Optional.empty()));
    }

    /** Echoed input without control characters and at most 100 characters, so a detail cannot be abused. */
    static String printable(String raw) {
        String clean = raw.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
