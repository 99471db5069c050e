package gt.dondelocompro.adapters.scraping.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/** A successful answer: the URI that finally answered (after same-host redirects), its content type and body. */
public record FetchResponse(URI uri, int status, String contentType, byte[] body) {

    public FetchResponse {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        contentType = contentType == null ? "" : contentType;
    }

    /** The body as text in the charset the server declared, UTF-8 when it declared none or one we do not know. */
    public String text() {
        return new String(body, charset());
    }

    public Charset charset() {
        String declared = declaredCharset();
        try {
            return declared == null ? StandardCharsets.UTF_8 : Charset.forName(declared);
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The charset named in Content-Type, or null when the server named none (HTML may then say it in a meta tag). */
    public String declaredCharset() {
        for (String part : contentType.split(";")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "").strip();
                return name.isEmpty() ? null : name;
            }
        }
        return null;
    }
}
