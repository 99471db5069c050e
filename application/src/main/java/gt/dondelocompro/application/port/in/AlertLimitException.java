package gt.dondelocompro.application.port.in;

/** The channel's address already has the most alerts allowed on this target ({@code ALERTS_PER_TARGET}). */
public final class AlertLimitException extends RuntimeException {

    private final int limit;

    public AlertLimitException(int limit) {
        super("this channel already has " + limit + " alerts on this product; delete one first", null, false, false);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
