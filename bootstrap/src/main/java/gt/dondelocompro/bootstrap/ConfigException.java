package gt.dondelocompro.bootstrap;

/** A configuration value that stops start-up; the message names the variable and what is wrong with it. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
