package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.DeadLetterRepository;
import gt.dondelocompro.domain.SearchSnapshot;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Searches set aside, in memory (a process restart forgets them, as it forgets every in-memory search). */
public final class InMemoryDeadLetterRepository implements DeadLetterRepository {

    private final Map<UUID, DeadLetter> letters = new ConcurrentHashMap<>();

    @Override
    public void save(SearchSnapshot search, String reason) {
        Objects.requireNonNull(reason, "reason");
        letters.putIfAbsent(search.id(), new DeadLetter(search, reason));
    }

    @Override
    public Optional<DeadLetter> findById(UUID searchId) {
        return Optional.ofNullable(letters.get(searchId));
    }

    @Override
    public long count() {
        return letters.size();
    }
}
