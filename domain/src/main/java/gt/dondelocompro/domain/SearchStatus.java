package gt.dondelocompro.domain;

import java.util.Locale;

/** The life cycle of a search: initiated → running → completed | failed. */
public enum SearchStatus {
    INITIATED, RUNNING, COMPLETED, FAILED;

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
