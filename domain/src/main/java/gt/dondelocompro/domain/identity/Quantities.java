package gt.dondelocompro.domain.identity;

import java.util.ArrayList;
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
        Double inches = text.indexOf('"') >= 0 || text.contains("''") || text.contains("pul") || text.contains("in")
                || text.contains("plg") ? first(INCHES, text, 1, 1.0) : null;
        Double ram = null;
        Double storage = null;
        boolean bytes = text.contains("gb") || text.contains("tb");
        Matcher pair = GB_PAIR.matcher(bytes ? text : "");
        String rest = bytes ? text : "";
        if (pair.find()) {
            double a = number(pair.group(1));
            double b = number(pair.group(2)) * ("tb".equals(pair.group(3)) ? 1024 : 1);
            ram = Math.min(a, b);
            storage = Math.max(a, b);
            rest = text.substring(0, pair.start()) + " " + text.substring(pair.end());
        }
        if (ram == null) {
            for (Pattern p : List.of(RAM_AFTER, RAM_BEFORE)) {
                Matcher m = p.matcher(rest);
                if (m.find()) {
                    ram = number(m.group(1));
                    rest = rest.substring(0, m.start()) + " " + rest.substring(m.end());
                    break;
                }
            }
        }
        if (storage == null) {
            List<Double> sizes = new ArrayList<>();
            Matcher m = GB.matcher(rest);
            while (m.find()) {
                sizes.add(number(m.group(1)) * ("tb".equals(m.group(2)) ? 1024 : 1));
            }
            if (!sizes.isEmpty()) {
                storage = sizes.stream().max(Double::compare).orElseThrow();
                if (ram == null && sizes.size() > 1) {
                    ram = sizes.stream().min(Double::compare).orElseThrow();
                }
            }
        }
        return new Quantities(inches, storage, ram, volume(text), weight(text), first(WATTS, text, 1, 1.0),
                length(text), pack(raw));
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

    private static Double volume(String text) {
        Matcher m = VOLUME.matcher(text);
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

    private static Double length(String text) {
        Matcher m = LENGTH.matcher(text);
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

    private static Double weight(String text) {
        Matcher m = WEIGHT.matcher(text);
        while (m.find()) {
            String unit = m.group(2);
            String n = m.group(1);
            if (unit.equals("g") && n.matches("[345]")) {
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

    private static Integer pack(String raw) {
        if (SIX_PACK.matcher(raw).find()) {
            return 6;
        }
        if (DOZEN.matcher(raw).find()) {
            return 12;
        }
        for (Pattern p : List.of(PACK_COUNT_BEFORE, PACK_COUNT_AFTER, PACK_X)) {
            Matcher m = p.matcher(raw);
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (n > 0) {
                    return n;
                }
            }
        }
        return null;
    }

    private static Double first(Pattern pattern, String text, int group, double factor) {
        Matcher m = pattern.matcher(text);
        return m.find() ? number(m.group(group)) * factor : null;
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }

    static String unifyQuotes(String text) {
        return text.replace('\u201D', '"').replace('\u201C', '"').replace('\u2033', '"')
                .replace('\u2019', '\'').replace('\u2032', '\'');
    }
}
