package gt.dondelocompro.application.service;

import java.util.UUID;

/**
 * Which searches are recorded: none when the database is disabled, else {@code percent} of them, chosen
 * from the search id so that the same search always gets the same answer (DATABASE_ROLLOUT_PERCENT).
 * A search recorded at 10 % is also recorded at 50 %.
 */
public record RolloutPolicy(boolean enabled, int percent) {

    public RolloutPolicy {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("DATABASE_ROLLOUT_PERCENT must be between 0 and 100, was " + percent);
        }
    }

    public static RolloutPolicy everything() {
        return new RolloutPolicy(true, 100);
    }

    public boolean shouldRecord(UUID searchId) {
        return enabled && bucket(searchId) < percent;
    }

    /** 0-99, spread evenly over random UUIDs. */
    static int bucket(UUID id) {
        long mixed = id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 17);
        mixed ^= mixed >>> 33;
        mixed *= 0xff51afd7ed558ccdL; // the finalizer of MurmurHash3, so that close ids land in different buckets
        mixed ^= mixed >>> 33;
        return (int) Math.floorMod(mixed, 100L);
    }
}
