package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.SearchSnapshot;

import java.util.Optional;
import java.util.UUID;

/** A search as it stands now: running ones from memory, finished ones from memory or the store of record. */
public interface GetSearchUseCase {

    Optional<SearchSnapshot> getSearch(UUID searchId);
}
