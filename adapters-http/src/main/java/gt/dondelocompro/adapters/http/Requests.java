package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reading what a request carries, refusing what breaks the contract with the status it calls for. */
final class Requests {

    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:\\d{1,5})?");

    private Requests() {
    }

    /** A whole number query parameter; absent gives the default; not a number is a 400 naming it. */
    static int intParam(ServerRequest req, String name, int defaultValue) {
        return optionalIntParam(req, name).orElse(defaultValue);
    }

    static OptionalInt optionalIntParam(ServerRequest req, String name) {
        Optional<String> raw = req.query().first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
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
        Optional<String> raw = req.query().first(name).asOptional().map(s -> s.strip().toLowerCase(Locale.ROOT));
        if (raw.isEmpty() || raw.get().isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ProblemException.badRequest(name, "must be true or false, was '" + printable(raw.get()) + "'");
        };
    }

    static Optional<String> stringParam(ServerRequest req, String name) {
        return req.query().first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A search id from the path; one that is not a UUID names no search, so it is a 404 like an unknown one. */
    static UUID searchId(ServerRequest req) {
        String raw = req.path().pathParameters().get("id");
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

    /** The request body, refused with 415 unless it is JSON and with 413 when longer than {@code maxBytes}. */
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a JSON body into {@code type}; malformed JSON or a value of the wrong type is a 400. */
    static <T> T readJson(byte[] body, Class<T> type) {
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw ProblemException.badRequest("body", "must be a JSON object");
            }
            return value;
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() || e.getPath().getFirst().getFieldName() == null
                    ? "body" : e.getPath().getFirst().getFieldName();
            throw ProblemException.badRequest(field, field.equals("body")
                    ? "must be a JSON object" : "has the wrong type");
        } catch (InputCoercionException e) {
            String field = e.getProcessor() instanceof JsonParser p && currentName(p) != null ? currentName(p) : "body";
            throw ProblemException.badRequest(field, "is out of range");
        } catch (JsonProcessingException e) {
            String field = "body";
            throw ProblemException.badRequest(field, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String currentName(JsonParser parser) {
        try {
            return parser.currentName();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Where this service is, as the client reached it: the scheme Helidon saw (honouring forwarded headers when the
     * bootstrap configures their discovery) and the request's Host header, when it is a plausible host.
     */
    static String baseUrl(ServerRequest req) {
        return baseUrl(req.requestedUri().scheme(), req.headers().first(HeaderNames.HOST), req.requestedUri().authority());
    }

    /** The same, from parts: a WebSocket upgrade has its Host header and socket, but no {@link ServerRequest}. */
    static String baseUrl(String scheme, Optional<String> hostHeader, String fallbackAuthority) {
        return scheme + "://" + hostHeader.filter(h -> HOST.matcher(h).matches()).orElse(fallbackAuthority);
    }

    /** Who is asking, for the rate limit: the remote address. */
    static String client(ServerRequest req) {
        return req.remotePeer().host();
    }

    /** Echoed input without control characters and at most 100 characters, so a detail cannot be abused. */
    static String printable(String raw) {
        String clean = raw.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
