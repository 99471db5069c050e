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
        boolean hasDigit = code.chars().anyMatch(Character::isDigit);
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
        String[] tokens = TOKEN_SPLIT.split(Quantities.unifyQuotes(title).strip());
        String[] folded = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = TRIM.matcher(tokens[i]).replaceAll("");
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
            if (SERIES.contains(lower) && SERIES_NUMBER.matcher(nextLower).matches()) {
                found.add(new ModelCode(lower + nextLower, false));
                i++;
                continue;
            }
            if (CAPITALS.matcher(raw).matches() && !NOT_CODE_PREFIX.contains(lower) && !Brands.isBrandWord(lower)
                    && SPACED_NUMBER.matcher(next).matches() && !isAmountOrTechnology(nextLower)) {
                String code = canonical(lower + nextLower);
                found.add(new ModelCode(code, code.length() >= 5));
                i++;
                continue;
            }
            if (NUMBER_CODE.matcher(lower).matches()) {
                if (!UNIT_WORD.matcher(nextLower).matches()) {
                    found.add(new ModelCode(lower, true)); // Hamilton Beach 62682
                }
                continue;
            }
            if (LOWER_PACK.matcher(raw).matches()) {
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
        boolean hasDigit = lower.chars().anyMatch(Character::isDigit);
        if (lower.length() < 3 || (!hasDigit && lower.length() < 5) || Colours.isColour(lower) || Brands.isBrandWord(lower)
                || (hasDigit && (isAmountOrTechnology(lower) || PROCESSOR.matcher(lower).matches()))) {
            return null;
        }
        boolean hasLetter = lower.chars().anyMatch(Character::isLetter);
        if (hasDigit && hasLetter) {
            String code = canonical(lower);
            return code.length() >= 3 ? new ModelCode(code, code.length() >= 5) : null;
        }
        String letters = canonical(lower);
        if (!hasDigit && LETTERS.matcher(letters).matches() && letters.length() >= 5 && consonantRun(letters) >= 4) {
            return new ModelCode(letters, true);
        }
        return null;
    }

    private static boolean isAmountOrTechnology(String lower) {
        String compact = lower.replace(",", ".");
        return QUANTITY.matcher(compact).matches() || TECHNOLOGY.matcher(compact).matches();
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
            String base = SEPARATORS.matcher(code.substring(0, hyphen)).replaceAll("");
            if (last.length() <= 4 && LETTERS.matcher(last).matches() && base.length() >= 4) {
                code = code.substring(0, hyphen);
            }
        }
        code = SEPARATORS.matcher(code).replaceAll("");
        var region = TV_REGION.matcher(code);
        if (region.matches() && region.group(1).chars().filter(Character::isDigit).count() >= 3) {
            code = region.group(1);
        }
        return code;
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
