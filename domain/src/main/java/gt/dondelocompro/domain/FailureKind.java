package gt.dondelocompro.domain;

import java.util.Locale;

/** Why a store did not answer a search; the {@code kind} of a {@code vendor_error} event. */
public enum FailureKind {
    /** The store did not answer in time. */
    TIMEOUT,
    /** The store answered with an HTTP status we cannot use (after retries). */
    HTTP_STATUS,
    /** The store refused us: a bot defence (captcha, Cloudflare/Akamai challenge, 401/403, 429 with a challenge page), a redirect off its host, a body over the size cap. */
    BLOCKED,
    /** robots.txt disallows the path we would request. */
    ROBOTS,
    /** The store answered, but nothing could be read from it: the sign that its site changed. */
    PARSE,
    /** The store's host could not be reached at all: connection refused, unknown host (DNS), TLS failure. */
    UNREACHABLE,
    /**
     * The store was not asked: the queue at its host's politeness gate was longer than it can serve before the
     * search's deadline, so the answer would have come too late. Our capacity, not the store's trouble.
     */
    BUSY;

    /** Whether this failure says something about the store itself; {@link #BUSY} does not (the store was not asked). */
    public boolean isStoresTrouble() {
        return this != BUSY;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailureKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
