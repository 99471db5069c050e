package gt.dondelocompro.domain.identity;

import java.util.Objects;

/**
 * The identity rules' verdict on two offers and the evidence it rests on: {@code gtin}, {@code accessory},
 * {@code quantity:inches} (or storage, ram, volume, weight, watts, pack), {@code brand}, {@code model},
 * {@code variant}, {@code brand+model}, {@code no-brand}, {@code no-common-model}, {@code currency}.
 */
public record Match(Verdict verdict, String reason) {

    public Match {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    static Match same(String reason) {
        return new Match(Verdict.SAME, reason);
    }

    static Match different(String reason) {
        return new Match(Verdict.DIFFERENT, reason);
    }

    static Match unsure(String reason) {
        return new Match(Verdict.UNSURE, reason);
    }

    public boolean isSame() {
        return verdict == Verdict.SAME;
    }

    public boolean isDifferent() {
        return verdict == Verdict.DIFFERENT;
    }
}
