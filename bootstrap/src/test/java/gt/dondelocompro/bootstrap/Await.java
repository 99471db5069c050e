package gt.dondelocompro.bootstrap;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for something another thread or process does: the condition is asked every 20 ms. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(20);

    private Await() {
    }

    /** Whether {@code condition} holds within {@code limit} (asked once more at the end). */
    public static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(POLL);
        }
        return condition.getAsBoolean();
    }

    /** Returns once {@code condition} holds; fails naming {@code what} when it does not within {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        if (!within(limit, condition)) {
            throw new AssertionError(what + ": not within " + limit.toMillis() + " ms");
        }
    }
}
