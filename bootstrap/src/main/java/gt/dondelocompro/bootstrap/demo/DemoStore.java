package gt.dondelocompro.bootstrap.demo;

import java.time.Duration;

/**
 * One demo store: which platform it imitates, how long it takes to answer, whether it is broken, and how its
 * prices differ from the reference (a store-specific factor, so that stores disagree like real ones).
 */
record DemoStore(String id, String name, String platform, Duration minLatency, Duration maxLatency,
                 boolean broken, int seed) {
}
