package gt.dondelocompro.domain.alert;

import gt.dondelocompro.domain.InvalidValueException;

import java.util.Locale;

/** An e-mail alert waits for its address to confirm it; every other alert is active from the start. */
public enum AlertStatus {
    PENDING_CONFIRMATION, ACTIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertStatus fromWireName(String name) {
        for (AlertStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new InvalidValueException("status", "unknown alert status '" + name + "'");
    }
}
