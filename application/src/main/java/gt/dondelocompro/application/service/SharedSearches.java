package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.out.FetchTasks;
import gt.dondelocompro.application.port.out.RunningSearches;
import gt.dondelocompro.application.port.out.SearchEventLog;
import gt.dondelocompro.application.port.out.SearchLeases;
import gt.dondelocompro.application.port.out.StoreOutcomes;

import java.util.Objects;

/**
 * What the searches of many instances share ({@code REDIS_URL}): each search's event log (any instance streams any
 * search), the running searches by query (joining across instances), the leases of running searches (a search whose
 * instance died is completed by another), and the store fetches: each store's part of a search is a task in
 * {@code tasks} that any instance's {@link FetchWorker} runs, handing the store's answer back through
 * {@code outcomes}. One process has none ({@code null} in {@link SearchService}). Without {@code tasks} and
 * {@code outcomes} (both null) each instance asks the stores of its own searches itself.
 */
public record SharedSearches(SearchEventLog log, RunningSearches running, SearchLeases leases, FetchTasks tasks,
                             StoreOutcomes outcomes) {

    public SharedSearches {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(leases, "leases");
        if ((tasks == null) != (outcomes == null)) {
            throw new IllegalArgumentException("fetch tasks and store outcomes go together: give both or neither");
        }
    }

    /** Shared logs, joining and leases; each instance asks the stores of its own searches. */
    public SharedSearches(SearchEventLog log, RunningSearches running, SearchLeases leases) {
        this(log, running, leases, null, null);
    }

    /** Whether store fetches are tasks for any instance's workers. */
    public boolean dispatchesFetches() {
        return tasks != null;
    }
}
