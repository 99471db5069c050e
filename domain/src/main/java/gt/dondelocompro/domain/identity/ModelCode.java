package gt.dondelocompro.domain.identity;

/**
 * A manufacturer's model or part number in one form: lower case, separators gone, regional and colour
 * suffixes dropped ({@code SM-A155M/DS} → {@code sma155m}, {@code UN55DU7000PXPA} → {@code un55du7000},
 * {@code BLSTKAG-WBL} → {@code blstkag}). {@code strong} codes (5 characters or more, not built from a
 * product line and a number) name one product; weak ones ({@code a15}, {@code iphone15}) name a line whose
 * variants ("5G", "Pro") and capacities still tell products apart.
 */
public record ModelCode(String code, boolean strong) {

    public ModelCode {
        if (code == null || code.isEmpty()) {
            throw new IllegalArgumentException("empty model code");
        }
    }

    /**
     * The letters before the first digit ({@code un} of {@code un55du7000}); "" when it starts with a digit,
     * "#" when it has no digit. Codes of one family that differ are different products.
     */
    public String family() {
        for (int i = 0; i < code.length(); i++) {
            if (Character.isDigit(code.charAt(i))) {
                return code.substring(0, i);
            }
        }
        return "#";
    }

    /** Whether one code contains the other ({@code du7000} in {@code un55du7000}): maybe one product, not proof. */
    public boolean overlaps(ModelCode other) {
        String shorter = code.length() <= other.code.length() ? code : other.code;
        String longer = shorter == code ? other.code : code;
        return shorter.length() >= 3 && longer.contains(shorter);
    }

    @Override
    public String toString() {
        return code;
    }
}
