package gt.dondelocompro.domain.identity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The amounts in a title that make two otherwise equal products different: screen size in inches, storage
 * and RAM in GB, volume in ml, weight in grams, power in watts, length in mm (a 41 mm watch, a 24 cm pan, a
 * 2 m cable) and the number of units in a pack. Each is
 * null when the title does not say it. Ounces count as volume (fluid ounces: cups, jars, blender jars).
 */
public record Quantities(Double inches, Double storageGb, Double ramGb, Double volumeMl, Double weightG, Double watts,
                         Double lengthMm, Integer pack) {

    public static final Quantities NONE = new Quantities(null, null, null, null, null, null, null, null);

    /** Relative difference under which two amounts are one (1.5 L and 1500 ml, 12 oz and 355 ml). */
    private static final double TOLERANCE = 0.02;

    private static final String NUMBER = "(\\d{1,4}(?:[.,]\\d{1,3})?)";
    private static final Pattern INCHES = Pattern.compile(
            NUMBER + "\\s*(?:\"|''|pulgadas?\\b|pulg\\b\\.?|plg\\b|in\\b(?!\\s*1\\b)|inch(?:es)?\\b)");
    private static final Pattern GB_PAIR = Pattern.compile(
            "(\\d{1,2})\\s*(?:gb)?\\s*(?:/|\\+|y)\\s*(\\d{2,4})\\s*(gb|tb)\\b");
    private static final Pattern RAM_AFTER = Pattern.compile("(\\d{1,3})\\s*gb\\s*(?:de\\s*)?ram\\b");
    private static final Pattern RAM_BEFORE = Pattern.compile("\\bram\\s*(?:de\\s*)?(\\d{1,3})\\s*gb\\b");
    private static final Pattern GB = Pattern.compile("(\\d{1,4}(?:[.,]\\d)?)\\s*(gb|tb)\\b");
    private static final Pattern VOLUME = Pattern.compile(
            NUMBER + "\\s*(ml|cc|l|lt|lts|litros?|fl\\.?\\s?oz|oz|onzas?)\\b");
    private static final Pattern WEIGHT = Pattern.compile(
            NUMBER + "\\s*(kg|kgs|kilos?|kilogramos?|g|gr|grs|gramos?|lb|lbs|libras?)\\b");
    private static final Pattern LENGTH = Pattern.compile(NUMBER + "\\s*(mm|cm|m|mts|metros?)\\b");
    private static final Pattern WATTS = Pattern.compile(NUMBER + "\\s*(w|watts?|vatios?)\\b");
    /** "x2" written in lower case ("Pilas AA x4"); upper-case "X6" is a model ("Poco X6"). */
    private static final Pattern PACK_X = Pattern.compile("(?<![\\p{L}\\p{N}.])x\\s?(\\d{1,3})(?![\\p{L}\\p{N}.])");
    private static final Pattern PACK_COUNT_AFTER = Pattern.compile(
            "(?i)\\b(\\d{1,3})\\s*(?:-\\s*)?(?:pack|pk|unidades|uds?|und|piezas|pzas|pz|pcs|rollos|latas|botellas)\\b");
    private static final Pattern PACK_COUNT_BEFORE = Pattern.compile(
            "(?i)\\b(?:pack|paquete|set|juego|kit|caja|combo|bolsa|fardo)\\s*(?:de|x)\\s*(\\d{1,3})\\b");
    private static final Pattern SIX_PACK = Pattern.compile("(?i)\\bsix\\s*-?\\s*pack\\b");
    private static final Pattern DOZEN = Pattern.compile("(?i)\\bdocena\\b");
    private static final List<Pattern> RAM = List.of(RAM_AFTER, RAM_BEFORE);
    /** The first characters of the units of INCHES, VOLUME, WEIGHT, WATTS and LENGTH ({@link Text#unitsAfterDigits}). */
    private static final int INCH_UNITS = Text.unitBits("\"'pi");
    private static final int VOLUME_UNITS = Text.unitBits("mclfo");
    private static final int WEIGHT_UNITS = Text.unitBits("kgl");
    private static final int WATT_UNITS = Text.unitBits("wv");
    private static final int LENGTH_UNITS = Text.unitBits("mc");
    private static final int BYTE_UNITS = Text.unitBits("gt");
    private static final List<Pattern> PACKS = List.of(PACK_COUNT_BEFORE, PACK_COUNT_AFTER, PACK_X);
    /** What a match of PACK_COUNT_BEFORE or PACK_COUNT_AFTER contains, in lower case. */
    private static final String[] PACK_BEFORE_WORDS = {"pack", "paquete", "set", "juego", "kit", "caja", "combo", "bolsa", "fardo"};
    private static final String[] PACK_AFTER_WORDS = {"pack", "pk", "unidades", "ud", "und", "piezas", "pzas", "pz", "pcs", "rollos",
            "latas", "botellas"};

    /** The quantities a title states; {@code rawTitle} keeps its case (for "x2" packs). */
    public static Quantities of(String rawTitle) {
        if (rawTitle == null || rawTitle.isBlank()) {
            return NONE;
        }
        String raw = unifyQuotes(rawTitle);
        String text = raw.toLowerCase(Locale.ROOT);
        if (!hasDigit(text)) {
            return NONE;
        }
        // Each regular expression runs only when the text has what any match of it needs (a digit and the
        // first letter of a unit after it, a keyword), and from the first digit: the same matches, found
        // without trying every position of every title.
        int digit = Text.firstAsciiDigit(text);
        if (digit < 0) {
            return new Quantities(null, null, null, null, null, null, null, pack(raw, text, digit));
        }
        int units = Text.unitsAfterDigits(text);
        Double inches = (text.indexOf('"') >= 0 || text.contains("''") || text.contains("pul") || text.contains("in")
                || text.contains("plg")) && (units & INCH_UNITS) != 0 ? first(INCHES, text, digit) : null;
        Double ram = null;
        Double storage = null;
        boolean bytes = text.contains("gb") || text.contains("tb");
        String rest = bytes ? text : "";
        Matcher pair = bytes && (text.indexOf('/') >= 0 || text.indexOf('+') >= 0 || text.indexOf('y') >= 0)
                ? from(GB_PAIR, text, digit) : null;
        if (pair != null && pair.find()) {
            double a = number(pair.group(1));
            double b = number(pair.group(2)) * ("tb".equals(pair.group(3)) ? 1024 : 1);
            ram = Math.min(a, b);
            storage = Math.max(a, b);
            rest = text.substring(0, pair.start()) + " " + text.substring(pair.end());
        }
        if (ram == null && rest.contains("ram")) {
            for (Pattern p : RAM) {
                Matcher m = p.matcher(rest);
                if (m.find()) {
                    ram = number(m.group(1));
                    rest = rest.substring(0, m.start()) + " " + rest.substring(m.end());
                    break;
                }
            }
        }
        if (storage == null && bytes && (Text.unitsAfterDigits(rest) & BYTE_UNITS) != 0) {
            Matcher m = from(GB, rest, Text.firstAsciiDigit(rest));
            int sizes = 0;
            double max = 0;
            double min = 0;
            while (m.find()) {
                double size = number(m.group(1)) * ("tb".equals(m.group(2)) ? 1024 : 1);
                // as Double::compare orders them (no NaN here): the first of equal ones
                max = sizes == 0 || Double.compare(size, max) > 0 ? size : max;
                min = sizes == 0 || Double.compare(size, min) < 0 ? size : min;
                sizes++;
            }
            if (sizes > 0) {
                storage = max;
                if (ram == null && sizes > 1) {
                    ram = min;
                }
            }
        }
        return new Quantities(inches, storage, ram,
                (units & VOLUME_UNITS) != 0 ? volume(text, digit) : null,
                (units & WEIGHT_UNITS) != 0 ? weight(text, digit) : null,
                (units & WATT_UNITS) != 0 ? first(WATTS, text, digit) : null,
                (units & LENGTH_UNITS) != 0 ? length(text, digit) : null,
                pack(raw, text, digit));
    }

    /** Whether some amount both titles state differs: 55" and 65", 128 GB and 256 GB, 1 and 6 units. */
    public boolean conflictsWith(Quantities other) {
        return firstConflict(other) != null;
    }

    /** The name of the first amount that differs ("inches", "storage", "pack" ...), or null. */
    public String firstConflict(Quantities other) {
        if (differ(inches, other.inches)) {
            return "inches";
        }
        if (differ(storageGb, other.storageGb)) {
            return "storage";
        }
        if (differ(ramGb, other.ramGb)) {
            return "ram";
        }
        if (differ(volumeMl, other.volumeMl)) {
            return "volume";
        }
        if (differ(weightG, other.weightG)) {
            return "weight";
        }
        if (differ(watts, other.watts)) {
            return "watts";
        }
        if (differ(lengthMm, other.lengthMm)) {
            return "length";
        }
        // a title that names no pack is one unit: "Coca-Cola 355 ml" is not its 6-pack
        int mine = pack == null ? 1 : pack;
        int theirs = other.pack == null ? 1 : other.pack;
        return mine != theirs ? "pack" : null;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean differ(Double a, Double b) {
        return a != null && b != null && Math.abs(a - b) > TOLERANCE * Math.max(a, b) + 1e-9;
    }

    private static Double volume(String text, int digit) {
        Matcher m = from(VOLUME, text, digit);
        if (!m.find()) {
            return null;
        }
        double n = number(m.group(1));
        String unit = m.group(2);
        if (unit.equals("ml") || unit.equals("cc")) {
            return n;
        }
        if (unit.contains("oz") || unit.startsWith("onza")) {
            return n * 29.5735;
        }
        return n * 1000;
    }

    private static Double length(String text, int digit) {
        Matcher m = from(LENGTH, text, digit);
        if (!m.find()) {
            return null;
        }
        double n = number(m.group(1));
        return switch (m.group(2)) {
            case "mm" -> n;
            case "cm" -> n * 10;
            default -> n * 1000;
        };
    }

    private static Double weight(String text, int digit) {
        Matcher m = from(WEIGHT, text, digit);
        while (m.find()) {
            String unit = m.group(2);
            String n = m.group(1);
            if (unit.equals("g") && n.length() == 1 && n.charAt(0) >= '3' && n.charAt(0) <= '5') {
                continue; // 3G, 4G, 5G: the network, not grams
            }
            double value = number(n);
            if (unit.startsWith("k")) {
                return value * 1000;
            }
            if (unit.startsWith("l")) {
                return value * 453.592;
            }
            return value;
        }
        return null;
    }

    /**
     * {@code text} is {@code raw} in lower case: the (ASCII) case-insensitive words these patterns need are
     * in it when they are in {@code raw}; {@code digit} is its first ASCII digit, or -1.
     */
    private static Integer pack(String raw, String text, int digit) {
        if (text.contains("six") && SIX_PACK.matcher(raw).find()) {
            return 6;
        }
        if (text.contains("docena") && DOZEN.matcher(raw).find()) {
            return 12;
        }
        if (digit < 0) {
            return null; // each of the three needs a digit
        }
        for (int k = 0; k < PACKS.size(); k++) {
            if (!mayMatch(k, raw, text)) {
                continue;
            }
            Matcher m = PACKS.get(k).matcher(raw);
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (n > 0) {
                    return n;
                }
            }
        }
        return null;
    }

    private static boolean mayMatch(int pack, String raw, String text) {
        return switch (pack) {
            case 0 -> containsAny(text, PACK_BEFORE_WORDS);
            case 1 -> containsAny(text, PACK_AFTER_WORDS);
            default -> raw.indexOf('x') >= 0;
        };
    }

    private static boolean containsAny(String text, String[] words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The first match's number: of a pattern whose every match starts with an ASCII digit. */
    private static Double first(Pattern pattern, String text, int digit) {
        Matcher m = from(pattern, text, digit);
        return m.find() ? number(m.group(1)) : null;
    }

    /**
     * A matcher that searches from {@code digit}, the first ASCII digit of {@code text}, for a pattern whose
     * every match starts with one: it finds what a search from the start finds (bounds transparent).
     */
    private static Matcher from(Pattern pattern, String text, int digit) {
        Matcher m = pattern.matcher(text);
        if (digit > 0) {
            m.region(digit, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
        }
        return m;
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }

    static String unifyQuotes(String text) {
        return text.replace('\u201D', '"').replace('\u201C', '"').replace('\u2033', '"')
                .replace('\u2019', '\'').replace('\u2032', '\'');
    }
}
