package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.DeadLetterRepository;
import gt.dondelocompro.application.port.out.DeadLetterRepository.DeadLetter;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of every {@code DeadLetterRepository}: a search set aside reads back whole, whatever text it holds. */
public abstract class DeadLetterRepositoryContract {

    protected DeadLetterRepository deadLetters;

    /** A fresh, empty dead-letter store for one test. */
    protected abstract DeadLetterRepository newDeadLetters();

    @BeforeEach
    void fresh() {
        deadLetters = newDeadLetters();
    }

    @Test
    void a_search_set_aside_reads_back_equal_with_its_reason_even_with_nul_and_lone_surrogates() {
        SearchSnapshot search = SearchFixtures.search("licuadora")
                .answered(CEMACO, offer(CEMACO, "x".repeat(5000), "Licua\u0000dora \uD83D", "99999999999.99"))
                .failed(ELEKTRA, FailureKind.TIMEOUT)
                .build();

        deadLetters.save(search, "refused: \u0000 in text");

        DeadLetter letter = deadLetters.findById(search.id()).orElseThrow();
        assertThat(letter.search()).isEqualTo(search);
        assertThat(letter.reason()).startsWith("refused");
        assertThat(deadLetters.count()).isEqualTo(1);
    }

    @Test
    void setting_the_same_search_aside_twice_keeps_one() {
        SearchSnapshot search = SearchFixtures.search("licuadora").failedWith("boom").build();

        deadLetters.save(search, "first");
        deadLetters.save(search, "second");

        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(deadLetters.findById(search.id()).orElseThrow().reason()).isEqualTo("first");
    }

    @Test
    void an_unknown_search_is_not_set_aside() {
        assertThat(deadLetters.findById(UUID.randomUUID())).isEmpty();
        assertThat(deadLetters.count()).isZero();
    }
}
