package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.SearchQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Character loops that give exactly what the regular expressions they replace give, for the hot path of
 * {@link Identity#of}: plain ASCII text (most titles) takes the loop; anything else falls back to the
 * regular expression or {@link SearchQuery#normalize} itself, so no decision depends on which path ran.
 */
final class Text {

    private Text() {
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    /** {@code \s} of {@link java.util.regex.Pattern}: ASCII white space only. */
    static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@link SearchQuery#normalize}: for ASCII, strip, {@code \s+} as one space, lower case (NFKD changes nothing). */
    static String normalize(String text) {
        if (!isAscii(text)) {
            return SearchQuery.normalize(text);
        }
        String stripped = text.strip();
        StringBuilder out = null;
        int n = stripped.length();
        for (int i = 0; i < n; i++) {
            char c = stripped.charAt(i);
            boolean space = isRegexSpace(c);
            boolean changes = (c >= 'A' && c <= 'Z') || (space && (c != ' ' || (i + 1 < n && isRegexSpace(stripped.charAt(i + 1)))));
            if (changes && out == null) {
                out = new StringBuilder(n).append(stripped, 0, i);
            }
            if (out != null) {
                if (space) {
                    out.append(' ');
                    while (i + 1 < n && isRegexSpace(stripped.charAt(i + 1))) {
                        i++;
                    }
                } else {
                    out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                }
            }
        }
        return out == null ? stripped : out.toString();
    }

    /** {@code \p{L}} or {@code \p{N}} of {@link java.util.regex.Pattern}, on a code point. */
    static boolean isLetterOrNumber(int cp) {
        if (cp < 128) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** {@code text.split("[^\\p{L}\\p{N}]+")} without the empty strings: the runs of letters and numbers. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            boolean word = isLetterOrNumber(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /**
     * The characters found after an ASCII digit and {@code \s*}, in one pass, as bits: lower-case letters
     * are bits 0-25, {@code "} bit 26 and {@code '} bit 27 (others are not kept). For units made of those,
     * {@code (unitsAfterDigits(text) & unitBits(units)) != 0} says whether some digit is followed by one of
     * {@code units}.
     */
    static int unitsAfterDigits(String text) {
        int mask = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (isAsciiDigit(text.charAt(i))) {
                int j = i + 1;
                while (j < n && isRegexSpace(text.charAt(j))) {
                    j++;
                }
                if (j < n) {
                    mask |= unitBit(text.charAt(j));
                }
            }
        }
        return mask;
    }

    /** The bits of {@link #unitsAfterDigits} for these characters (lower-case letters and quotes only). */
    static int unitBits(String units) {
        int mask = 0;
        for (int i = 0; i < units.length(); i++) {
            int bit = unitBit(units.charAt(i));
            if (bit == 0) {
                throw new IllegalArgumentException("not a unit's first character: " + units.charAt(i));
            }
            mask |= bit;
        }
        return mask;
    }

    private static int unitBit(char c) {
        if (c >= 'a' && c <= 'z') {
            return 1 << (c - 'a');
        }
        return c == '"' ? 1 << 26 : c == '\'' ? 1 << 27 : 0;
    }

    static int firstAsciiDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isAsciiDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
