package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.SearchLeases;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of every {@link SearchLeases}: a lease renewed in time is never taken; one run out is taken once. */
public abstract class SearchLeasesContract {

    /** Fresh leases, in their own namespace. */
    protected abstract SearchLeases newLeases();

    private final SearchLeases leases = newLeases();
    private final Instant now = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void aLeaseHeldBeyondNowIsNotTakenOneRunOutIsTakenOnce() {
        UUID alive = UUID.randomUUID();
        UUID dead = UUID.randomUUID();
        leases.hold(alive, now.plusSeconds(5));
        leases.hold(dead, now.minusSeconds(1));

        assertThat(leases.held(dead)).isTrue();
        assertThat(leases.held(UUID.randomUUID())).isFalse();
        assertThat(leases.takeExpired(now, 100)).containsExactly(dead);
        assertThat(leases.takeExpired(now, 100)).as("taken already").isEmpty();
        assertThat(leases.held(dead)).isFalse();
        assertThat(leases.held(alive)).isTrue();
    }

    @Test
    void aRenewedOrReleasedLeaseIsNotTaken() {
        UUID renewed = UUID.randomUUID();
        UUID released = UUID.randomUUID();
        leases.hold(renewed, now.minusSeconds(1));
        leases.hold(renewed, now.plusSeconds(5));
        leases.hold(released, now.minusSeconds(1));
        leases.release(released);

        assertThat(leases.takeExpired(now, 100)).isEmpty();
        assertThat(leases.takeExpired(now.plusSeconds(6), 100)).containsExactly(renewed);
    }

    @Test
    void ofManyTakersEachRunOutLeaseGoesToExactlyOne() throws Exception {
        List<UUID> dead = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            dead.add(id);
            leases.hold(id, now.minusSeconds(1));
        }
        List<UUID> taken = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> takers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            takers.add(Thread.startVirtualThread(() -> {
                try {
                    go.await();
                    taken.addAll(leases.takeExpired(now, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : takers) {
            t.join();
        }
        assertThat(taken).containsExactlyInAnyOrderElementsOf(dead);
    }
}
