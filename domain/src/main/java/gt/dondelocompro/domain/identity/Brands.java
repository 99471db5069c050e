package gt.dondelocompro.domain.identity;


import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brands as identity evidence: a store's brand reduced to one key ("LG Electronics" and "lg" are
 * {@code lg}, "BLACK AND DECKER" and "Black+Decker" are {@code black+decker}), and the brand recognised in a
 * title when the store gives none, from the brands Guatemalan stores carry.
 */
public final class Brands {

    /** Display names of the brands recognised in titles; their keys are {@link #normalize(String)} of these. */
    private static final List<String> KNOWN = List.of(
            // appliances and kitchen
            "Oster", "Black+Decker", "Hamilton Beach", "Proctor Silex", "KitchenAid", "Cuisinart", "Ninja",
            "Rival", "Taurus", "Imusa", "Tramontina", "T-fal", "Sunbeam", "Mabe", "Whirlpool", "Frigidaire",
            "Electrolux", "Midea", "Haier", "Daewoo", "Indurama", "Atlas", "Mirage", "Panasonic", "Sankey",
            "Holstein", "Nutribullet", "Magic Bullet", "Presto", "Russell Hobbs", "Westinghouse", "Hisense",
            "Kenmore", "GE", "Bosch", "Conair", "Remington", "Revlon", "Braun", "Gama", "Babyliss", "Philips",
            "Rubbermaid", "Pyrex", "Corona", "Colgate", "Oral-B",
            // electronics and phones
            "Samsung", "LG", "Sony", "TCL", "Xiaomi", "Apple", "Motorola", "Huawei", "Honor", "Nokia", "Oppo",
            "Realme", "Vivo", "ZTE", "Alcatel", "Infinix", "Tecno", "Lenovo", "HP", "Dell", "Acer", "Asus",
            "MSI", "Microsoft", "Nintendo", "Epson", "Canon", "Brother", "Xerox", "JBL", "Bose", "Sennheiser",
            "Logitech", "Kingston", "SanDisk", "Western Digital", "Seagate", "TP-Link", "Steren", "Sharp",
            "Toshiba", "Hyundai", "Vizio", "RCA", "Pioneer", "Kenwood", "Garmin", "GoPro", "Amazon", "Google",
            "Belkin", "Anker", "Razer", "HyperX", "Corsair", "Genius", "Xtech", "Klip Xtreme", "Argom",
            // tools, batteries, home
            "Truper", "Stanley", "DeWalt", "Makita", "Milwaukee", "Skil", "Dremel", "Pretul", "Duracell",
            "Energizer", "Coleman", "Igloo", "Thermos", "Yeti", "Contigo",
            // sport and clothing
            "Nike", "Adidas", "Puma", "Reebok", "Under Armour", "Skechers", "Converse", "Vans", "New Balance");

    /** Other spellings and company names, normalized, to the brand's key. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("lg electronics", "lg"),
            Map.entry("samsung electronics", "samsung"),
            Map.entry("black decker", "black+decker"),
            Map.entry("blackdecker", "black+decker"),
            Map.entry("hewlett packard", "hp"),
            Map.entry("hewlettpackard", "hp"),
            Map.entry("hewlett-packard", "hp"),
            Map.entry("hp inc", "hp"),
            Map.entry("sunbeam oster", "oster"),
            Map.entry("oster sunbeam", "oster"),
            Map.entry("tfal", "t-fal"),
            Map.entry("t fal", "t-fal"),
            Map.entry("tefal", "t-fal"),
            Map.entry("tplink", "tp-link"),
            Map.entry("tp link", "tp-link"),
            Map.entry("wd", "western digital"),
            Map.entry("general electric", "ge"),
            Map.entry("oralb", "oral-b"),
            Map.entry("oral b", "oral-b"),
            Map.entry("dewalt", "dewalt"),
            Map.entry("de walt", "dewalt"),
            Map.entry("kitchen aid", "kitchenaid"),
            Map.entry("hyper x", "hyperx"),
            Map.entry("nutri bullet", "nutribullet"),
            Map.entry("apple inc", "apple"),
            Map.entry("motorola mobility", "motorola"),
            Map.entry("sony electronics", "sony"));

    /** Product lines that name their brand: a title saying "iPhone" or "Galaxy" is Apple's or Samsung's. */
    private static final Map<String, String> LINES = Map.ofEntries(
            Map.entry("iphone", "apple"), Map.entry("ipad", "apple"), Map.entry("macbook", "apple"),
            Map.entry("airpods", "apple"), Map.entry("galaxy", "samsung"), Map.entry("redmi", "xiaomi"),
            Map.entry("playstation", "sony"), Map.entry("xbox", "microsoft"), Map.entry("thinkpad", "lenovo"),
            Map.entry("ideapad", "lenovo"), Map.entry("pavilion", "hp"), Map.entry("inspiron", "dell"));

    /** What stores put in the brand field when there is none. */
    private static final Set<String> NO_BRAND = Set.of(
            "generico", "generica", "generic", "sin marca", "n/a", "na", "n a", "no aplica", "otros", "otro", "varios",
            "otras marcas", "none", "null", "-");

    /** Company words that say nothing about the product: "LG Electronics", "HP Inc.", "Sony Corp". */
    private static final Set<String> COMPANY_WORDS = Set.of(
            "inc", "corp", "corporation", "co", "ltd", "llc", "sa", "electronics", "electronica", "international",
            "guatemala", "gt", "company", "brands", "group");

    private static final Pattern AND = Pattern.compile("\\s*(?:&|\\band\\b|\\+)\\s*");
    private static final Pattern DROPPED = Pattern.compile("[.'’®™©]");
    private static final Pattern OTHER = Pattern.compile("[^\\p{L}\\p{N}+\\-/ ]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final Map<String, String> DISPLAY = new HashMap<>();
    /** Every key and alias as a list of words, longest first, for recognition in titles. */
    private static final Map<String, String> PHRASES = new HashMap<>();
    private static final int LONGEST_PHRASE = 3;
    /** The first words of the phrases of more than one word: only after one of them is a longer phrase looked up. */
    private static final Set<String> PHRASE_STARTS = new java.util.HashSet<>();

    static {
        for (String name : KNOWN) {
            String key = fold(name);
            DISPLAY.put(key, name);
            PHRASES.put(key, key);
        }
        ALIASES.forEach(PHRASES::put);
        for (String phrase : PHRASES.keySet()) {
            int space = phrase.indexOf(' ');
            if (space > 0) {
                PHRASE_STARTS.add(phrase.substring(0, space));
            }
        }
    }

    private Brands() {
    }

    /**
     * The brand's key: case, accents, punctuation and company words folded, "&"/"and"/"+" as "+", then
     * aliases; null when the field is empty or says there is no brand ("Genérico", "N/A").
     */
    public static String normalize(String brand) {
        if (brand == null) {
            return null;
        }
        String folded = fold(brand);
        if (folded.isEmpty() || NO_BRAND.contains(folded)) {
            return null;
        }
        String[] words = folded.split(" ");
        int end = words.length;
        while (end > 1 && COMPANY_WORDS.contains(words[end - 1])) {
            end--;
        }
        String key = String.join(" ", java.util.Arrays.copyOf(words, end));
        return ALIASES.getOrDefault(key, key);
    }

    /** The known brand named first in a title ("Licuadora Oster ..." is Oster's), or null. */
    public static String recognise(String title) {
        if (title == null) {
            return null;
        }
        // "Licuadora Oster + vaso" folds to "oster+vaso": split what is not itself a key ("black+decker")
        List<String> split = new java.util.ArrayList<>();
        for (String w : fold(title).split(" ")) {
            if (w.indexOf('+') > 0 && !PHRASES.containsKey(w)) {
                for (String part : w.split("\\+")) {
                    if (!part.isEmpty()) {
                        split.add(part);
                    }
                }
            } else if (!w.isEmpty()) {
                split.add(w);
            }
        }
        String[] words = split.toArray(String[]::new);
        for (int i = 0; i < words.length; i++) {
            int longest = PHRASE_STARTS.contains(words[i]) ? Math.min(LONGEST_PHRASE, words.length - i) : 1;
            for (int n = longest; n >= 1; n--) {
                String phrase = String.join(" ", java.util.Arrays.copyOfRange(words, i, i + n));
                String key = PHRASES.get(phrase);
                if (key != null) {
                    return key;
                }
            }
        }
        for (String word : words) {
            String key = LINES.get(word);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    /** How a brand key is shown: the known spelling ("Black+Decker", "LG"), else the key itself. */
    public static String displayName(String key) {
        return key == null ? null : DISPLAY.getOrDefault(key, key);
    }

    /** Whether a folded word is a known brand, an alias or a product line (never a model code). */
    static boolean isBrandWord(String foldedWord) {
        return PHRASES.containsKey(foldedWord) || LINES.containsKey(foldedWord);
    }

    /** Each pattern is applied only when it can match: the text is the same as if all were. */
    private static String fold(String text) {
        // before NFKD, which spells ™ as "TM"
        String folded = Text.normalize(dropped(text));
        if (folded.indexOf('&') >= 0 || folded.indexOf('+') >= 0 || folded.contains("and")) {
            folded = AND.matcher(folded).replaceAll("+");
        }
        if (!onlyKept(folded)) {
            folded = OTHER.matcher(folded).replaceAll(" ");
        }
        if (hasSpaceToCollapse(folded)) {
            folded = SPACES.matcher(folded).replaceAll(" ");
        }
        return folded.strip();
    }

    /** {@code DROPPED.matcher(text).replaceAll("")}. */
    private static String dropped(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean drop = c == '.' || c == '\'' || c == '\u2019' || c == '\u00AE' || c == '\u2122' || c == '\u00A9';
            if (drop && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!drop && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Whether {@link #OTHER} finds nothing: only ASCII letters, digits, "+", "-", "/" and spaces. */
    private static boolean onlyKept(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '+' || c == '-'
                    || c == '/' || c == ' ')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code \s+} replaced by one space changes the text. */
    private static boolean hasSpaceToCollapse(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Text.isRegexSpace(c) && (c != ' ' || (i + 1 < text.length() && Text.isRegexSpace(text.charAt(i + 1))))) {
                return true;
            }
        }
        return false;
    }
}
