package gt.dondelocompro.application.port.in;

/** Starts a search across every active store and answers at once; offers follow on the search's events. */
public interface StartSearchUseCase {

    /**
     * The command validated itself, so bad input cannot reach here.
     *
     * @throws ServiceClosedException when the core is closing or closed and takes no new searches
     */
    SearchTicket startSearch(StartSearchCommand command);
}
