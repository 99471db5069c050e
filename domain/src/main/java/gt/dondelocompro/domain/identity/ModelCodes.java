package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.SearchQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds model codes in a store's model field and in a title. A title token is a code when it mixes letters
 * and digits ({@code UN55DU7000}, {@code SM-A155M}, {@code A15}) or is a run of letters no Spanish or English
 * word has (four consonants in a row: {@code BLSTKAG}) or a number of 5 to 7 digits not followed by a unit
 * ({@code 62682}), and is not an amount ({@code 128GB}, {@code 55"}), a
 * technology ({@code 4K}, {@code 5G}, {@code HDMI2.1}, {@code DDR4}), a processor ({@code i5-1235U}) or a
 * colour. Spaced codes are joined ({@code MLA 4000} → {@code mla4000}); a product line followed by a number
 * is one weak code ({@code iPhone 15} → {@code iphone15}).
 *
 * <p>Suffixes dropped, so that one product has one code: anything after a slash ({@code /DS} dual SIM,
 * {@code /A}, {@code /ZP} region); a last hyphenated part of at most four letters ({@code -WBL}, {@code -NB}:
 * colour or packaging); and the region codes glued to TV models: Samsung's {@code ?XZ?}, {@code ?XPA},
 * {@code ?XPR} ({@code PXPA}, {@code FXZA}, {@code GXZS}) and LG's {@code PS?}, {@code PU?}, {@code PT?}
 * ({@code PSA}, {@code PUA}). Nothing else is dropped: a different digit or letter is a different code.
 */
final class ModelCodes {

    private static final Pattern TOKEN_SPLIT = Pattern.compile("[\\s,;()\\[\\]{}|]+");
    private static final Pattern TRIM = Pattern.compile("^[.:!?#*\"'+]+|[.:!?#*\"'+]+$");
    private static final Pattern SEPARATORS = Pattern.compile("[-._\\s]");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
    private static final Pattern TV_REGION = Pattern.compile(
            "^(.{6,}?)(?:[a-z]xz[a-z]|[a-z]xpa|[a-z]xpr|ps[a-z]|pu[a-z]|pt[a-z])$");
    private static final Pattern QUANTITY = Pattern.compile(
            "^\\d+(?:[.,]\\d+)?(?:gb|tb|mb|ghz|mhz|hz|mah|mp|w|v|a|ah|ml|cc|l|lt|lts|oz|kg|kgs|g|gr|grs|lb|lbs|mm|cm|m|mts|in|p|k|"
                    + "pack|pk|pzas|pz|pcs|u|uds|und|pulg|btu|rpm|psi|db|ft|wh|kwh|x|hrs|h|min|seg|vel|gbram|tbssd|gbssd)$"
                    + "|^\\d+(?:gb)?[/+]\\d+(?:gb|tb)$|^\\d+[x/]\\d+$|^\\d+en\\d+$"
                    + "|^\\d+(?:er|ra|ro|do|da|vo|va|to|ta|mo|ma|no|na|th|st|nd|rd)$");
    private static final Pattern TECHNOLOGY = Pattern.compile(
            "^(?:[2345]g|usb.*|hdmi.*|hdr\\d*|l?p?ddr\\d.*|wi-?fi\\d*.*|bt\\d.*|mp[34]|cat\\d+|gen\\d+|ip\\d\\d|"
                    + "rj\\d+|h26\\d|pcie.*|nvme.*|m\\.?2|type-?c|tipo-?c|[248]k|v\\d+(?:\\.\\d+)?)$");
    private static final Pattern PROCESSOR = Pattern.compile("^(?:i[3579]|r[3579]|m[1-4])(?:-?\\d{3,5}[a-z]{0,2})?$");
    private static final Set<String> PROCESSOR_WORDS = Set.of(
            "ryzen", "core", "intel", "amd", "celeron", "pentium", "snapdragon", "helio", "mediatek", "exynos",
            "dimensity", "unisoc", "athlon");
    private static final Set<String> SERIES = Set.of(
            "iphone", "ipad", "pixel", "note", "redmi", "series", "serie", "playstation", "realme", "honor", "nokia",
            "edge", "mate", "nova", "reno", "spark", "camon");
    /** Capitals that are words, not the first half of a spaced code ("TV 4000"). */
    private static final Set<String> NOT_CODE_PREFIX = Set.of(
            "tv", "led", "lcd", "usb", "hd", "fhd", "uhd", "qled", "oled", "ram", "rom", "ssd", "hdd", "pc", "ac",
            "dc", "de", "con", "para", "gb", "tb", "set", "kit", "pack", "ml", "lb", "kg", "cm", "mm", "btu", "rpm",
            "mah", "los", "las", "el", "la", "en", "y", "por", "sin", "mas", "plus", "pro", "max", "mini", "lite",
            "año", "ano", "modelo", "mod", "ref", "sku", "no");
    private static final Set<String> NO_MODEL = Set.of("n/a", "na", "sin modelo", "generico", "-", "no aplica", "none");
    private static final Pattern SPACED_NUMBER = Pattern.compile("^\\d{3,6}[A-Za-z]{0,3}$");
    private static final Pattern SERIES_NUMBER = Pattern.compile("^\\d{1,3}[a-z]?$");

    private static final Pattern CAPITALS = Pattern.compile("[A-Z]{2,4}");
    private static final Pattern LOWER_PACK = Pattern.compile("^x\\d+$");
    private static final Pattern NUMBER_CODE = Pattern.compile("^\\d{5,7}$");
    private static final Pattern UNIT_WORD = Pattern.compile(
            "^(?:btu|w|watts?|v|mah|rpm|ml|l|litros?|kg|g|gr|lb|lbs|oz|gb|tb|mm|cm|m|piezas|pzas|unidades|hojas|pies)$");

    private ModelCodes() {
    }

    /** {@link SearchQuery#normalize}, without its cost for the plain ASCII most tokens are. */
    static String fold(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return SearchQuery.normalize(text);
            }
        }
        return text.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** The codes of an offer: its model field first (when it has one), then those of its title, each once. */
    static List<ModelCode> of(String modelField, String title) {
        Map<String, ModelCode> codes = new LinkedHashMap<>();
        ModelCode declared = fromField(modelField);
        if (declared != null) {
            codes.put(declared.code(), declared);
        }
        for (ModelCode code : inTitle(title)) {
            codes.merge(code.code(), code, (a, b) -> a.strong() ? a : b);
        }
        return List.copyOf(codes.values());
    }

    static ModelCode fromField(String modelField) {
        if (modelField == null) {
            return null;
        }
        String lower = fold(modelField);
        if (lower.isEmpty() || NO_MODEL.contains(lower)) {
            return null;
        }
        String code = canonical(lower);
        boolean hasDigit = hasDigit(code);
        if (code.length() < 2 || (!hasDigit && code.length() < 4)) {
            return null;
        }
        return new ModelCode(code, code.length() >= 5);
    }

    static List<ModelCode> inTitle(String title) {
        List<ModelCode> found = new ArrayList<>();
        if (title == null) {
            return found;
        }
        String[] tokens = split(Quantities.unifyQuotes(title).strip());
        String[] folded = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = trim(tokens[i]);
            folded[i] = fold(tokens[i]);
        }
        int skipUntil = -1;
        for (int i = 0; i < tokens.length; i++) {
            String raw = tokens[i];
            String lower = folded[i];
            if (lower.isEmpty() || i < skipUntil) {
                continue;
            }
            if (PROCESSOR_WORDS.contains(lower)) {
                skipUntil = i + 3; // "Ryzen 5 7520U", "Core i5 1235U"
                continue;
            }
            String next = i + 1 < tokens.length ? tokens[i + 1] : "";
            String nextLower = i + 1 < tokens.length ? folded[i + 1] : "";
            if (SERIES.contains(lower) && isSeriesNumber(nextLower)) {
                found.add(new ModelCode(lower + nextLower, false));
                i++;
                continue;
            }
            if (isCapitals(raw) && !NOT_CODE_PREFIX.contains(lower) && !Brands.isBrandWord(lower)
                    && isSpacedNumber(next) && !isAmountOrTechnology(nextLower)) {
                String code = canonical(lower + nextLower);
                found.add(new ModelCode(code, code.length() >= 5));
                i++;
                continue;
            }
            if (isNumberCode(lower)) {
                if (!UNIT_WORD.matcher(nextLower).matches()) {
                    found.add(new ModelCode(lower, true)); // Hamilton Beach 62682
                }
                continue;
            }
            if (isLowerPack(raw)) {
                continue; // "x2" is a pack; "X6" is a model (Poco X6)
            }
            ModelCode code = fromToken(lower);
            if (code != null) {
                found.add(code);
            }
        }
        return found;
    }

    private static ModelCode fromToken(String lower) {
        boolean hasDigit = hasDigit(lower);
        if (lower.length() < 3 || (!hasDigit && lower.length() < 5) || Colours.isColour(lower) || Brands.isBrandWord(lower)
                || (hasDigit && (isAmountOrTechnology(lower) || mayBeProcessor(lower) && PROCESSOR.matcher(lower).matches()))) {
            return null;
        }
        boolean hasLetter = hasLetter(lower);
        if (hasDigit && hasLetter) {
            String code = canonical(lower);
            return code.length() >= 3 ? new ModelCode(code, code.length() >= 5) : null;
        }
        String letters = canonical(lower);
        if (!hasDigit && isLetters(letters) && letters.length() >= 5 && consonantRun(letters) >= 4) {
            return new ModelCode(letters, true);
        }
        return null;
    }

    private static boolean isAmountOrTechnology(String lower) {
        String compact = lower.replace(',', '.');
        // every QUANTITY alternative starts with an ASCII digit
        return (!compact.isEmpty() && Text.isAsciiDigit(compact.charAt(0)) && QUANTITY.matcher(compact).matches())
                || TECHNOLOGY.matcher(compact).matches();
    }

    /** Lower case, suffixes dropped (see the class comment), separators removed. */
    static String canonical(String lower) {
        String code = lower;
        int slash = code.indexOf('/');
        if (slash > 0) {
            code = code.substring(0, slash);
        }
        int hyphen = code.lastIndexOf('-');
        if (hyphen > 0) {
            String last = code.substring(hyphen + 1);
            String base = withoutSeparators(code.substring(0, hyphen));
            if (last.length() <= 4 && isLetters(last) && base.length() >= 4) {
                code = code.substring(0, hyphen);
            }
        }
        code = withoutSeparators(code);
        String region = tvRegionBase(code);
        if (region != null && digits(region) >= 3) {
            code = region;
        }
        return code;
    }

    /**
     * {@code TV_REGION}'s group 1 when it matches {@code code}, else null. For ASCII: the shortest start of 6
     * characters or more that a 4-letter ({@code ?xz?}, {@code ?xpa}, {@code ?xpr}) or 3-letter
     * ({@code ps?}, {@code pu?}, {@code pt?}) region suffix ends; other text goes to the regular expression.
     */
    private static String tvRegionBase(String code) {
        if (!Text.isAscii(code) || code.indexOf('\n') >= 0 || code.indexOf('\r') >= 0) {
            var region = TV_REGION.matcher(code);
            return region.matches() ? region.group(1) : null;
        }
        int n = code.length();
        if (n - 4 >= 6 && isRegion4(code, n - 4)) {
            return code.substring(0, n - 4);
        }
        if (n - 3 >= 6 && isRegion3(code, n - 3)) {
            return code.substring(0, n - 3);
        }
        return null;
    }

    private static boolean isRegion4(String code, int at) {
        char a = code.charAt(at);
        char b = code.charAt(at + 1);
        char c = code.charAt(at + 2);
        char d = code.charAt(at + 3);
        if (!isLower(a) || b != 'x') {
            return false;
        }
        return (c == 'z' && isLower(d)) || (c == 'p' && (d == 'a' || d == 'r'));
    }

    private static boolean isRegion3(String code, int at) {
        return code.charAt(at) == 'p' && (code.charAt(at + 1) == 's' || code.charAt(at + 1) == 'u'
                || code.charAt(at + 1) == 't') && isLower(code.charAt(at + 2));
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static long digits(String text) {
        long count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /** {@code SEPARATORS.matcher(text).replaceAll("")}: "-", ".", "_" and ASCII white space removed. */
    private static String withoutSeparators(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean separator = c == '-' || c == '.' || c == '_' || Text.isRegexSpace(c);
            if (separator && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!separator && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code TOKEN_SPLIT.split(text)}: leading empty token kept, trailing ones dropped, the text itself when no separator. */
    private static String[] split(String text) {
        List<String> tokens = new ArrayList<>();
        int n = text.length();
        int start = 0;
        boolean found = false;
        int i = 0;
        while (i < n) {
            if (isTokenSeparator(text.charAt(i))) {
                found = true;
                tokens.add(text.substring(start, i));
                while (i < n && isTokenSeparator(text.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        if (!found) {
            return new String[] {text};
        }
        tokens.add(text.substring(start));
        int size = tokens.size();
        while (size > 0 && tokens.get(size - 1).isEmpty()) {
            size--;
        }
        return tokens.subList(0, size).toArray(String[]::new);
    }

    private static boolean isTokenSeparator(char c) {
        return Text.isRegexSpace(c) || c == ',' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{'
                || c == '}' || c == '|';
    }

    /** {@code TRIM.matcher(token).replaceAll("")}; a token ending in a line separator goes to the expression ({@code $}). */
    private static String trim(String token) {
        int n = token.length();
        if (n == 0) {
            return token;
        }
        char last = token.charAt(n - 1);
        if (last == '\u0085' || last == '\u2028' || last == '\u2029' || last == '\n' || last == '\r') {
            return TRIM.matcher(token).replaceAll("");
        }
        int start = 0;
        while (start < n && isTrimmed(token.charAt(start))) {
            start++;
        }
        int end = n;
        while (end > start && isTrimmed(token.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == n ? token : token.substring(start, end);
    }

    private static boolean isTrimmed(char c) {
        return c == '.' || c == ':' || c == '!' || c == '?' || c == '#' || c == '*' || c == '"' || c == '\'' || c == '+';
    }

    /** {@code [A-Z]{2,4}}. */
    private static boolean isCapitals(String text) {
        int n = text.length();
        if (n < 2 || n > 4) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** {@code ^\d{3,6}[A-Za-z]{0,3}$}. */
    private static boolean isSpacedNumber(String text) {
        int digits = leadingDigits(text);
        if (digits < 3 || digits > 6) {
            return false;
        }
        int letters = text.length() - digits;
        if (letters > 3) {
            return false;
        }
        for (int i = digits; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** {@code ^\d{1,3}[a-z]?$}. */
    private static boolean isSeriesNumber(String text) {
        int digits = leadingDigits(text);
        if (digits < 1 || digits > 3) {
            return false;
        }
        int rest = text.length() - digits;
        return rest == 0 || (rest == 1 && isLower(text.charAt(digits)));
    }

    /** {@code ^\d{5,7}$}. */
    private static boolean isNumberCode(String text) {
        int digits = leadingDigits(text);
        return digits == text.length() && digits >= 5 && digits <= 7;
    }

    /** {@code ^x\d+$}. */
    private static boolean isLowerPack(String text) {
        return text.length() >= 2 && text.charAt(0) == 'x' && leadingDigits(text.substring(1)) == text.length() - 1;
    }

    private static int leadingDigits(String text) {
        int i = 0;
        while (i < text.length() && Text.isAsciiDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether {@code PROCESSOR} can match: it starts with i, r or m. */
    private static boolean mayBeProcessor(String lower) {
        char c = lower.charAt(0);
        return c == 'i' || c == 'r' || c == 'm';
    }

    /** {@code \p{L}+}: for ASCII a run of letters, else the expression. */
    private static boolean isLetters(String text) {
        if (!Text.isAscii(text)) {
            return LETTERS.matcher(text).matches();
        }
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** {@code text.chars().anyMatch(Character::isDigit)}. */
    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text.chars().anyMatch(Character::isLetter)}. */
    private static boolean hasLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int consonantRun(String word) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < word.length(); i++) {
            if ("aeiouy".indexOf(word.charAt(i)) >= 0) {
                run = 0;
            } else {
                longest = Math.max(longest, ++run);
            }
        }
        return longest;
    }
}
