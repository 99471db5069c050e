package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.SearchLeases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The search leases of one process (for tests of the contract; one process does not need leases). */
public final class InMemorySearchLeases implements SearchLeases {

    private final Map<UUID, Instant> leases = new ConcurrentHashMap<>();

    @Override
    public void hold(UUID searchId, Instant until) {
        leases.put(searchId, until);
    }

    @Override
    public boolean held(UUID searchId) {
        return leases.containsKey(searchId);
    }

    @Override
    public void release(UUID searchId) {
        leases.remove(searchId);
    }

    @Override
    public List<UUID> takeExpired(Instant now, int max) {
        List<UUID> taken = new ArrayList<>();
        for (Map.Entry<UUID, Instant> lease : leases.entrySet()) {
            if (taken.size() >= max) {
                break;
            }
            if (lease.getValue().isBefore(now) && leases.remove(lease.getKey(), lease.getValue())) {
                taken.add(lease.getKey());
            }
        }
        return taken;
    }
}
