package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.SearchStatus;

import java.util.UUID;

/** The answer to starting a search: its id, where it stands, and whether it was answered from the cache. */
public record SearchTicket(UUID searchId, SearchStatus status, boolean cached) {
}
