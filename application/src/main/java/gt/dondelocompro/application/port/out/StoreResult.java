package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;

import java.util.List;
import java.util.Objects;

/** What a store answered: offers (and how many it showed without a usable price), or a typed failure. */
public sealed interface StoreResult {

    /** Offers read from the store; {@code droppedWithoutPrice} counts products shown at "Q0" or with no price. */
    record Offers(List<Offer> offers, int droppedWithoutPrice) implements StoreResult {
        public Offers {
            offers = List.copyOf(offers);
        }

        public static Offers of(List<Offer> offers) {
            return new Offers(offers, 0);
        }
    }

    /** The store could not be searched; {@code message} says what happened in words a person can act on. */
    record Failure(FailureKind kind, String message) implements StoreResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
