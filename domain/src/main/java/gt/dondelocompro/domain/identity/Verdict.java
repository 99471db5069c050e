package gt.dondelocompro.domain.identity;

/** What the identity rules say of two offers. {@code UNSURE} never merges them. */
public enum Verdict {
    SAME, DIFFERENT, UNSURE
}
