package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.RunningSearches;
import gt.dondelocompro.application.port.out.SearchEventLog;
import gt.dondelocompro.application.port.out.SearchLeases;

import java.util.Objects;

/**
 * What the searches of many instances share ({@code REDIS_URL}): each search's event log (any instance streams any
 * search), the running searches by query (joining across instances) and the leases of running searches (a search
 * whose instance died is completed by another). One process has none ({@code null} in {@link SearchService}).
 */
public record SharedSearches(SearchEventLog log, RunningSearches running, SearchLeases leases) {

    public SharedSearches {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(leases, "leases");
    }
}
