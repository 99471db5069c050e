package gt.dondelocompro.domain;

import java.util.Locale;

/** Why a store did not answer a search; the {@code kind} of a {@code vendor_error} event. */
public enum FailureKind {
    /** The store did not answer in time. */
    TIMEOUT,
    /** The store answered with an HTTP status we cannot use (after retries). */
    HTTP_STATUS,
    /** The store refused us (captcha, 403, a redirect off its host, a body over the size cap). */
    BLOCKED,
    /** robots.txt disallows the path we would request. */
    ROBOTS,
    /** The store answered, but nothing could be read from it: the sign that its site changed. */
    PARSE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailureKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
