package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.SearchSnapshot;

import java.util.Optional;
import java.util.UUID;

/**
 * Finished searches the store of record refused even without their offers, set aside whole with the reason,
 * so the searches behind them are saved and an operator can look at them (and replay them) later.
 */
public interface DeadLetterRepository {

    /** A search set aside and why. */
    record DeadLetter(SearchSnapshot search, String reason) {
    }

    /** Sets the search aside; setting aside the same search again changes nothing. */
    void save(SearchSnapshot search, String reason);

    Optional<DeadLetter> findById(UUID searchId);

    /** How many searches are set aside. */
    long count();
}
