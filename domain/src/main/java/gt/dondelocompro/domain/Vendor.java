package gt.dondelocompro.domain;

import java.util.Objects;

/**
 * A store as shoppers and operators know it: id, name, where it lives, which platform it runs on; and, for
 * operators, where its configuration was verified ({@code source}) and why it is as it is ({@code note}), both
 * null when the configuration does not say.
 */
public record Vendor(String id, String name, String baseUrl, String platform, boolean active, String source, String note) {

    public Vendor {
        if (id == null || !id.matches("[a-z0-9][a-z0-9_-]{0,49}")) {
            throw new InvalidValueException("id", "a store id is 1-50 characters of a-z, 0-9, '_' or '-', was '" + id + "'");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("name", "store '" + id + "' needs a name");
        }
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(platform, "platform");
    }

    /** A store whose configuration names no source and has no note. */
    public Vendor(String id, String name, String baseUrl, String platform, boolean active) {
        this(id, name, baseUrl, platform, active, null, null);
    }

    /** A vendor known only by id and name, as in tests and embedded use. */
    public static Vendor of(String id, String name) {
        return new Vendor(id, name, "", "custom", true);
    }
}
