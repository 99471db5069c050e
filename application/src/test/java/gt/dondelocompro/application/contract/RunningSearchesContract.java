package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.RunningSearches;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of every {@link RunningSearches}: one search holds a query key, until it releases it or its claim expires. */
public abstract class RunningSearchesContract {

    /** A fresh registry, in its own namespace. */
    protected abstract RunningSearches newRegistry();

    private final RunningSearches registry = newRegistry();
    private final String key = "licuadora oster|10|" + UUID.randomUUID();

    @Test
    void theFirstClaimWinsAndLaterOnesAreToldWhichSearchRuns() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        assertThat(registry.claim(key, first, Duration.ofMinutes(1))).isEqualTo(first);
        assertThat(registry.claim(key, second, Duration.ofMinutes(1))).isEqualTo(first);
        assertThat(registry.lookup(key)).contains(first);
        assertThat(registry.lookup(key + "-other")).isEmpty();
    }

    @Test
    void onlyTheHolderReleasesAndThenAnotherMayClaim() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        registry.claim(key, first, Duration.ofMinutes(1));

        registry.release(key, second);
        assertThat(registry.lookup(key)).contains(first);
        registry.release(key, first);
        assertThat(registry.lookup(key)).isEmpty();
        assertThat(registry.claim(key, second, Duration.ofMinutes(1))).isEqualTo(second);
    }

    @Test
    void aClaimExpiresAfterItsTimeToLive() throws InterruptedException {
        UUID dead = UUID.randomUUID();
        registry.claim(key, dead, Duration.ofMillis(300));
        Thread.sleep(500);

        assertThat(registry.lookup(key)).isEmpty();
        UUID next = UUID.randomUUID();
        assertThat(registry.claim(key, next, Duration.ofMinutes(1))).isEqualTo(next);
    }

    @Test
    void ofManySimultaneousClaimsExactlyOneWins() throws Exception {
        List<UUID> ids = new ArrayList<>();
        List<CompletableFuture<UUID>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            claims.add(CompletableFuture.supplyAsync(() -> registry.claim(key, id, Duration.ofMinutes(1))));
        }
        List<UUID> answers = new ArrayList<>();
        for (var c : claims) {
            answers.add(c.get(10, TimeUnit.SECONDS));
        }

        assertThat(answers).containsOnly(answers.getFirst());
        assertThat(ids).contains(answers.getFirst());
        assertThat(registry.lookup(key)).contains(answers.getFirst());
    }
}
