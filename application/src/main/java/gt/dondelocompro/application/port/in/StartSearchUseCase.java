package gt.dondelocompro.application.port.in;

/** Starts a search across every active store and answers at once; offers follow on the search's events. */
public interface StartSearchUseCase {

    /** @throws gt.dondelocompro.domain.InvalidValueException never: the command validated itself. */
    SearchTicket startSearch(StartSearchCommand command);
}
