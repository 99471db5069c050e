package gt.dondelocompro.adapters.scraping.http;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The signs of a bot defence in an answer: the headers Cloudflare, Akamai, DataDome and PerimeterX set on a
 * challenge, and the words of captcha and challenge pages. A store refusing a robot is {@code blocked}, which an
 * operator acts on differently from a store that is down ({@code http_status}).
 */
public final class BotDefence {

    // words of captcha and bot-defence pages (reCAPTCHA, hCaptcha, Cloudflare, Akamai, DataDome, PerimeterX, Imperva)
    private static final List<String> BODY_MARKERS = List.of("captcha", "challenge-platform", "cf-chl",
            "attention required! | cloudflare", "just a moment...", "datadome", "px-block", "perimeterx",
            "are you a robot", "_incapsula_", "akamai", "errors.edgesuite.net");

    private BotDefence() {
    }

    /** The bot-defence sign in these headers, or empty: a Cloudflare challenge, an Akamai or DataDome edge. */
    public static Optional<String> inHeaders(HttpHeaders headers) {
        if (headers.firstValue("cf-mitigated").isPresent()) {
            return Optional.of("cf-mitigated: " + headers.firstValue("cf-mitigated").get());
        }
        String server = headers.firstValue("server").orElse("").toLowerCase(Locale.ROOT);
        if (server.contains("cloudflare") || server.contains("akamaighost")) {
            return Optional.of("server: " + server);
        }
        if (headers.firstValue("x-datadome").isPresent()) {
            return Optional.of("x-datadome");
        }
        return Optional.empty();
    }

    /** The bot-defence word in the first 64 KiB of {@code body}, or empty. */
    public static Optional<String> inBody(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return BODY_MARKERS.stream().filter(head::contains).findFirst();
    }
}
