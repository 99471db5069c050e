package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.StoreOutcome;
import gt.dondelocompro.application.port.out.StoreOutcomes;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.FailureKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of every {@link StoreOutcomes}: what a worker delivers for a search is read, whole and in order, by
 * whoever follows that search (on another instance too), and a follower waiting for the next one gets it as it comes.
 */
public abstract class StoreOutcomesContract {

    /** Outcome lists in {@code namespace}; two on one namespace are two instances. */
    protected abstract StoreOutcomes newOutcomes(String namespace);

    private final String namespace = "outcomes-" + UUID.randomUUID();

    @Test
    void outcomesDeliveredOnOneInstanceAreReadWholeAndInOrderOnAnother() throws Exception {
        StoreOutcomes worker = newOutcomes(namespace);
        StoreOutcomes owner = newOutcomes(namespace);
        UUID search = UUID.randomUUID();
        StoreOutcome offers = new StoreOutcome("cemaco", new StoreResult.Offers(List.of(
                SearchFixtures.offer(SearchFixtures.CEMACO, "101", "Licuadora Oster BLSTKAG", "499.00")
                        .withIdentifiers("0034264457374", "BLSTKAG", "licuadoras"),
                SearchFixtures.offer(SearchFixtures.CEMACO, "102", "Vaso Oster", "89.50")), 2, "vtex", null),
                Duration.ofMillis(420));
        StoreOutcome failure = new StoreOutcome("elektra", new StoreResult.Failure(FailureKind.BLOCKED,
                "the store answered 403: it refuses our requests", "<html>denied"), Duration.ofMillis(95));

        worker.deliver(search, offers);
        worker.deliver(search, failure);

        assertThat(owner.await(search, 0, Duration.ofSeconds(2))).containsExactly(offers, failure);
        assertThat(owner.await(search, 1, Duration.ofSeconds(2))).containsExactly(failure);
        assertThat(owner.await(search, 2, Duration.ofMillis(200))).isEmpty();
        assertThat(owner.await(UUID.randomUUID(), 0, Duration.ofMillis(200))).as("another search's list").isEmpty();
    }

    @Test
    void aFollowerWaitingForTheNextOutcomeGetsItAsItIsDelivered() throws Exception {
        StoreOutcomes owner = newOutcomes(namespace);
        UUID search = UUID.randomUUID();
        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return owner.await(search, 0, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        long delivered = System.nanoTime();
        StoreOutcome outcome = new StoreOutcome("max", StoreResult.Offers.of(List.of()), Duration.ofMillis(12));
        newOutcomes(namespace).deliver(search, outcome);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).containsExactly(outcome);
        assertThat((System.nanoTime() - delivered) / 1_000_000).as("ms from delivery to the follower").isLessThan(2_000);
    }
}
