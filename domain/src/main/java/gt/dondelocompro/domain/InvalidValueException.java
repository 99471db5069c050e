package gt.dondelocompro.domain;

/** A value from outside (a user, a store, a file) broke a rule; {@link #field()} names what was wrong. */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The name of the offending field, as clients know it (snake_case). */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
