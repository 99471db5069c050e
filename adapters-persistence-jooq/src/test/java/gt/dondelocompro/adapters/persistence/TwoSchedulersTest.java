package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.RecheckScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scheduler instances, each on its own pool, on one database, as two service instances would be: every due
 * re-check runs exactly once, a rescheduled one never on both at once, and a periodic job never twice at once.
 */
class TwoSchedulersTest {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final int TARGETS = 30;

    @Test
    void eachDueReCheckRunsOnceWhateverTheNumberOfInstances() throws Exception {
        DB.truncateAll();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        try (JooqPersistence second = JooqPersistence.start(DB.config());
             DbRecheckScheduler a = DB.persistence().recheckScheduler("instance-a", Duration.ofMillis(100));
             DbRecheckScheduler b = second.recheckScheduler("instance-b", Duration.ofMillis(100))) {
            a.start(key -> once(key, "a", runs, ranOn), List.of());
            b.start(key -> once(key, "b", runs, ranOn), List.of());
            Instant now = Instant.now();
            for (int i = 1; i <= TARGETS; i++) {
                // both instances are told of every target, as both would be by the alerts made through them
                a.track("product:" + i, now);
                b.track("product:" + i, now);
            }
            awaitUntil(() -> runs.size() == TARGETS, Duration.ofSeconds(30));
            Thread.sleep(1_000); // several more polls of both: nothing runs again
            assertThat(runs).hasSize(TARGETS);
            assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(a.nextCheck("product:1")).as("a target whose re-check answered 'stop' is no longer tracked").isEmpty();
            System.out.println("TwoSchedulersTest: " + ranOn.values().stream().filter("a"::equals).count() + " re-checks on a, "
                    + ranOn.values().stream().filter("b"::equals).count() + " on b");
        }
    }

    @Test
    void aRescheduledReCheckAndAPeriodicJobNeverRunOnBothAtOnce() throws Exception {
        DB.truncateAll();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger jobRunning = new AtomicInteger();
        AtomicInteger jobMost = new AtomicInteger();
        AtomicInteger jobRuns = new AtomicInteger();
        java.util.function.Function<String, Optional<Instant>> recheck = key -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            total.incrementAndGet();
            running.decrementAndGet();
            return Optional.of(Instant.now().plusMillis(50));
        };
        Runnable job = () -> {
            jobMost.accumulateAndGet(jobRunning.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jobRuns.incrementAndGet();
            jobRunning.decrementAndGet();
        };
        List<RecheckScheduler.PeriodicJob> jobs = List.of(new RecheckScheduler.PeriodicJob("deliver", Duration.ofMillis(50), job));
        try (JooqPersistence second = JooqPersistence.start(DB.config());
             DbRecheckScheduler a = DB.persistence().recheckScheduler("instance-a", Duration.ofMillis(50));
             DbRecheckScheduler b = second.recheckScheduler("instance-b", Duration.ofMillis(50))) {
            a.start(recheck, jobs);
            b.start(recheck, jobs);
            a.track("catalog:7", Instant.now());
            b.track("catalog:7", Instant.now());
            Thread.sleep(3_000);
        }
        assertThat(total.get()).as("the re-check ran again and again").isGreaterThan(5);
        assertThat(most.get()).as("never on both instances at once").isEqualTo(1);
        assertThat(jobRuns.get()).isGreaterThan(5);
        assertThat(jobMost.get()).isEqualTo(1);
    }

    private static Optional<Instant> once(String key, String instance, Map<String, AtomicInteger> runs, Map<String, String> ranOn) {
        runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        ranOn.put(key, instance);
        return Optional.empty();
    }

    static void awaitUntil(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
