package gt.dondelocompro.application.port.in;

/**
 * What the background recorder has done: searches accepted for saving, saved, pending now (queued or being
 * saved), being retried after a failure now, and given up on (counted and logged, never silently dropped),
 * and searches not recorded because the rollout left them out.
 */
public record RecorderStats(long queued, long saved, long backlog, long retrying, long failed, long skipped) {
}
