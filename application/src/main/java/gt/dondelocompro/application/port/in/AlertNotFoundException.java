package gt.dondelocompro.application.port.in;

/** No alert with that id, or not with that token (the two are not told apart). */
public final class AlertNotFoundException extends RuntimeException {
    public AlertNotFoundException() {
        super("no such alert", null, false, false);
    }
}
