package gt.dondelocompro.application.port.in;

/**
 * What the background recorder has done: searches accepted for saving, saved, pending now (queued or being
 * saved), being retried after a failure now, and given up on (counted and logged, never silently dropped),
 * and searches not recorded because the rollout left them out; searches the store of record refused even
 * without their offers and that were set aside in the dead-letter store, and offers left out of saved
 * searches because the store of record cannot hold them.
 */
public record RecorderStats(long queued, long saved, long backlog, long retrying, long failed, long skipped,
                            long deadLettered, long offersDropped) {

    /** Figures of a recorder that has set nothing aside and dropped no offer. */
    public RecorderStats(long queued, long saved, long backlog, long retrying, long failed, long skipped) {
        this(queued, saved, backlog, retrying, failed, skipped, 0, 0);
    }
}
