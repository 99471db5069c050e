package gt.dondelocompro.domain;

import java.util.Locale;

/**
 * The life cycle of a search: initiated → running → completed | failed. A search whose process stopped
 * before it finished (a crash, kill -9) is found {@code running} in storage at the next start-up and marked
 * interrupted: it ends there too, without a result.
 */
public enum SearchStatus {
    INITIATED, RUNNING, COMPLETED, FAILED, INTERRUPTED;

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == INTERRUPTED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
