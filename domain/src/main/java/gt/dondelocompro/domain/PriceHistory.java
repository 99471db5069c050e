package gt.dondelocompro.domain;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The prices seen for one product over a period, oldest first, with the figures a shopper asks about:
 * lowest, highest, current (the latest) and the change from the first observation to the current one.
 */
public record PriceHistory(long productId, List<PriceObservation> observations) {

    public PriceHistory {
        observations = observations.stream().sorted(Comparator.comparing(PriceObservation::scrapedAt)).toList();
        long currencies = observations.stream().map(o -> o.price().currency()).distinct().count();
        if (currencies > 1) {
            throw new IllegalArgumentException("price history of product " + productId + " mixes currencies");
        }
    }

    public Optional<Money> min() {
        return observations.stream().map(PriceObservation::price).min(Comparator.naturalOrder());
    }

    public Optional<Money> max() {
        return observations.stream().map(PriceObservation::price).max(Comparator.naturalOrder());
    }

    public Optional<Money> current() {
        return observations.isEmpty() ? Optional.empty() : Optional.of(observations.getLast().price());
    }

    /** current − first: negative when the price dropped. */
    public Optional<BigDecimal> change() {
        if (observations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(observations.getLast().price().difference(observations.getFirst().price()));
    }
}
