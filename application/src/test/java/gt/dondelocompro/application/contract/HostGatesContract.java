package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.HostGates;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of every {@link HostGates}: a host's concurrency limit and minimum delay hold for all holders
 * together (here: two gates on one namespace, as two instances would be), and a dead holder's lease expires.
 */
public abstract class HostGatesContract {

    /** Gates in the namespace {@code namespace}: two calls with one namespace share their hosts' limits. */
    protected abstract HostGates newGates(String namespace);

    private final String namespace = "gates-" + UUID.randomUUID();
    private final HostGates gates = newGates(namespace);
    private final String host = "www.cemaco.com";

    private static Instant in(Duration d) {
        return Instant.now().plus(d);
    }

    @Test
    void aReleaseOnOneInstanceHandsTheSlotToAWaiterOnAnotherAtOnce() throws Exception {
        HostGates other = newGates(namespace);
        String busyHost = "www.elektra.com.gt";
        int quick = 0;
        for (int round = 0; round < 5; round++) {
            HostGates.Lease held = gates.acquire(busyHost, 1, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofSeconds(5))).orElseThrow();
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
                try (HostGates.Lease got = other.acquire(busyHost, 1, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofSeconds(10)))
                        .orElseThrow()) {
                    return System.nanoTime();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300); // the waiter is waiting
            long released = System.nanoTime();
            held.close();
            long tookMs = (waiter.get(10, TimeUnit.SECONDS) - released) / 1_000_000;
            if (tookMs < 50) {
                quick++;
            }
        }
        // looking again now and then instead (every 200 ms, say) would give the slot this quickly about once in four
        assertThat(quick).as("rounds of 5 in which the waiter had the slot within 50 ms of the release").isGreaterThanOrEqualTo(4);
    }

    @Test
    void noMoreThanMaxConcurrencyHoldersAtOnceAcrossTwoInstances() throws Exception {
        HostGates other = newGates(namespace);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> requests = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                HostGates g = i % 2 == 0 ? gates : other;
                requests.add(pool.submit(() -> {
                    Optional<HostGates.Lease> lease = g.acquire(host, 2, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofSeconds(20)));
                    if (lease.isEmpty()) {
                        return false;
                    }
                    try (HostGates.Lease held = lease.get()) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(60);
                        inside.decrementAndGet();
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : requests) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void startsAreAtLeastMinDelayApartAcrossTwoInstances() throws Exception {
        HostGates other = newGates(namespace);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                HostGates g = i % 2 == 0 ? gates : other;
                requests.add(pool.submit(() -> {
                    try (HostGates.Lease lease = g.acquire(host, 10, Duration.ofMillis(150), Duration.ofSeconds(30),
                            in(Duration.ofSeconds(20))).orElseThrow()) {
                        starts.add(System.nanoTime());
                    }
                    return null;
                }));
            }
            for (Future<?> r : requests) {
                r.get(30, TimeUnit.SECONDS);
            }
        }
        List<Long> sorted = starts.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            // the gate's clock and ours may differ by a little: allow 20 ms
            assertThat((sorted.get(i) - sorted.get(i - 1)) / 1_000_000).as("ms between start " + i + " and the one before")
                    .isGreaterThanOrEqualTo(130);
        }
    }

    @Test
    void aLeaseNotReleasedExpiresSoItsHolderDyingFreesTheSlot() throws Exception {
        Optional<HostGates.Lease> abandoned = gates.acquire(host, 1, Duration.ZERO, Duration.ofMillis(400), in(Duration.ofSeconds(5)));
        assertThat(abandoned).isPresent();

        long start = System.nanoTime();
        Optional<HostGates.Lease> next = newGates(namespace).acquire(host, 1, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofSeconds(5)));
        long waited = (System.nanoTime() - start) / 1_000_000;

        assertThat(next).isPresent();
        assertThat(waited).as("ms waited for the abandoned lease to expire").isBetween(200L, 3_000L);
        next.get().close();
    }

    @Test
    void noSlotBeforeTheDeadlineIsEmptyAndReleasingTwiceFreesOneSlotOnly() throws Exception {
        HostGates.Lease held = gates.acquire(host, 1, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofSeconds(5))).orElseThrow();
        long start = System.nanoTime();
        assertThat(gates.acquire(host, 1, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofMillis(300)))).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 3_000L);
        assertThat(gates.acquire("other.example", 1, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofMillis(300))))
                .as("another host has its own gate").isPresent();

        held.close();
        HostGates.Lease second = gates.acquire(host, 2, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofSeconds(5))).orElseThrow();
        HostGates.Lease third = gates.acquire(host, 2, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofSeconds(5))).orElseThrow();
        held.close();
        assertThat(gates.acquire(host, 2, Duration.ZERO, Duration.ofSeconds(30), in(Duration.ofMillis(200)))).isEmpty();
        second.close();
        third.close();
    }
}
