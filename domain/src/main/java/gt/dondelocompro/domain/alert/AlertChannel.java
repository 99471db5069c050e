package gt.dondelocompro.domain.alert;

import gt.dondelocompro.domain.InvalidValueException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an alert's notifications go: a webhook (a signed JSON POST), an ntfy topic URL (a plain POST), or an e-mail
 * address (only once it confirmed the alert). {@link #address()} is the text the per-address limit counts by.
 */
public sealed interface AlertChannel {

    int MAX_URL_LENGTH = 2048;
    int MAX_EMAIL_LENGTH = 254;

    /** {@code webhook}, {@code ntfy}, {@code email}. */
    String wireName();

    /** The URL or the address, as stored. */
    String address();

    /** An e-mail address must confirm the alert before anything is sent to it. */
    default boolean needsConfirmation() {
        return false;
    }

    record Webhook(URI url) implements AlertChannel {
        public Webhook {
            url = checkedUrl(url, "channel.webhook");
        }

        @Override
        public String wireName() {
            return "webhook";
        }

        @Override
        public String address() {
            return url.toString();
        }
    }

    record Ntfy(URI url) implements AlertChannel {
        public Ntfy {
            url = checkedUrl(url, "channel.ntfy");
            if (url.getPath() == null || url.getPath().length() < 2) {
                throw new InvalidValueException("channel.ntfy", "must be a topic URL such as https://ntfy.sh/mi-tema");
            }
        }

        @Override
        public String wireName() {
            return "ntfy";
        }

        @Override
        public String address() {
            return url.toString();
        }
    }

    record Email(String address) implements AlertChannel {
        /** Deliberately plain: one @, something before it, a dotted domain after it, no spaces or control characters. */
        private static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{Cntrl}<>,;\"]+@[^@\\s\\p{Cntrl}<>,;\"]+\\.[^@\\s\\p{Cntrl}<>,;\".]+");

        public Email {
            Objects.requireNonNull(address, "address");
            address = address.strip();
            if (address.length() > MAX_EMAIL_LENGTH || !SHAPE.matcher(address).matches()) {
                throw new InvalidValueException("channel.email", "must be an e-mail address such as ana@example.com");
            }
            int at = address.lastIndexOf('@');
            address = address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
        }

        @Override
        public String wireName() {
            return "email";
        }

        @Override
        public boolean needsConfirmation() {
            return true;
        }
    }

    /** A webhook or ntfy channel from what a client sent. */
    static URI parseUrl(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, "must be an http or https URL");
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidValueException(field, "must be an http or https URL");
        }
    }

    private static URI checkedUrl(URI url, String field) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidValueException(field, "must be an http or https URL");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new InvalidValueException(field, "must name a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidValueException(field, "must not carry a user name or password");
        }
        if (url.toString().length() > MAX_URL_LENGTH) {
            throw new InvalidValueException(field, "must be at most " + MAX_URL_LENGTH + " characters");
        }
        if (url.getRawFragment() != null) {
            throw new InvalidValueException(field, "must not have a fragment");
        }
        return url.normalize();
    }

    /** From the database's two columns. */
    static AlertChannel fromStorage(String wireName, String address) {
        return switch (wireName) {
            case "webhook" -> new Webhook(URI.create(address));
            case "ntfy" -> new Ntfy(URI.create(address));
            case "email" -> new Email(address);
            default -> throw new InvalidValueException("channel", "unknown channel '" + wireName + "'");
        };
    }
}
