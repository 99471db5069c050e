package gt.dondelocompro.domain.identity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the matcher against regressions on the labelled pairs: not below what was measured (precision
 * 1.000, recall 0.851 on 230 pairs; see identity/README.md) less 0.01. The figures are printed by -Pbench.
 */
class IdentityEvaluationTest {

    private static final double MEASURED_PRECISION = 1.000;
    private static final double MEASURED_RECALL = 0.851;

    @Test
    void the_labelled_set_has_every_kind_of_pair() {
        List<LabelledPairs.Pair> pairs = LabelledPairs.load();

        assertThat(pairs).hasSizeGreaterThanOrEqualTo(200);
        assertThat(pairs.stream().map(LabelledPairs.Pair::kind).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "true-match", "near-miss-size", "near-miss-capacity", "near-miss-variant", "near-miss-pack",
                "accessory", "colour", "other");
    }

    @Test
    void precision_and_recall_stay_at_what_was_measured() {
        LabelledPairs.Scores scores = LabelledPairs.score(LabelledPairs.load());

        assertThat(scores.precision()).as("precision; mistakes: %s", scores.mistakes())
                .isGreaterThanOrEqualTo(MEASURED_PRECISION - 0.01);
        assertThat(scores.recall()).as("recall; mistakes: %s", scores.mistakes())
                .isGreaterThanOrEqualTo(MEASURED_RECALL - 0.01);
    }
}
