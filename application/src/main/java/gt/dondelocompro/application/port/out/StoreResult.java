package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;

import java.util.List;
import java.util.Objects;

/** What a store answered: offers (and how many it showed without a usable price), or a typed failure. */
public sealed interface StoreResult {

    /**
     * Offers read from the store; {@code droppedWithoutPrice} counts products shown at "Q0" or with no price.
     * {@code via} names the way of reading that answered: the store's own platform (e.g. {@code woocommerce}), or
     * the fallback it lists (e.g. {@code html}) when the first way answered 404/410 or an unreadable body; null when
     * the store does not say. {@code relaxedQuery} is the wider query the store was asked when the shopper's own
     * found nothing there (its first significant word), null when it was not needed; the offers are then only those
     * relevant to the shopper's query.
     */
    record Offers(List<Offer> offers, int droppedWithoutPrice, String via, String relaxedQuery) implements StoreResult {
        public Offers {
            offers = List.copyOf(offers);
        }

        public Offers(List<Offer> offers, int droppedWithoutPrice) {
            this(offers, droppedWithoutPrice, null, null);
        }

        public static Offers of(List<Offer> offers) {
            return new Offers(offers, 0);
        }
    }

    /**
     * The store could not be searched; {@code message} says what happened in words a person can act on.
     * {@code sample} is the start of what the store sent when it answered something unreadable (null otherwise):
     * for operators' logs, never shown to shoppers.
     */
    record Failure(FailureKind kind, String message, String sample) implements StoreResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        public Failure(FailureKind kind, String message) {
            this(kind, message, null);
        }
    }
}
