package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.AccessoryWords;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity evidence of one offer, derived from its {@link ProductFacts} alone: a valid GTIN, the brand
 * (the store's, or the one recognised in the title), model codes, the quantities that separate products,
 * variant markers ("5G", "Pro", "Max", "Slim", "Digital") and whether it is an accessory <em>for</em> another product. Colours
 * are not evidence. For an accessory, brand and model are read only from the part of the title before
 * "para"/"compatible" ("Funda para Galaxy A15" is not Samsung's A15).
 *
 * @param brand    brand key ({@link Brands#normalize}), or null when unknown
 * @param models   codes, the store's model field first
 * @param variants variant markers of the title, sorted
 */
public record Identity(Gtin gtin, String brand, List<ModelCode> models, Quantities quantities, Set<String> variants,
                       boolean accessory) {

    private static final Set<String> VARIANT_WORDS = Set.of(
            "5g", "pro", "max", "plus", "ultra", "lite", "mini", "fe", "slim", "digital");
    /** Words after which an accessory names the product it is for. */
    private static final Pattern FOR = Pattern.compile(
            "(?iu)(?<![\\p{L}\\p{N}])(?:para|compatible|for|p/)(?![\\p{L}\\p{N}])");
    private static final Set<String> FOR_WORDS = Set.of("para", "compatible", "for", "p", "repuesto", "refaccion");
    /** Words after which an accessory word is part of the product ("Televisor con soporte"). */
    private static final Set<String> INCLUDES_WORDS = Set.of("con", "incluye", "c", "mas", "y");
    private static final Pattern PLUS_SIGN = Pattern.compile("[\\p{L}\\p{N}]\\+(?![\\p{L}\\p{N}])");

    /**
     * The identities of the offers seen last: the relevance score, the grouping, the JSON of every event and answer
     * and the catalog each ask for an offer's identity, so it is worked out once per offer and remembered here, up to
     * {@link #REMEMBERED} of them (then forgotten all at once, which is cheap and bounds the memory). An identity is a
     * function of the facts alone, so a remembered one is the one that would be worked out again.
     */
    private static final int REMEMBERED = 8_192;
    private static final ConcurrentHashMap<ProductFacts, Identity> SEEN = new ConcurrentHashMap<>();

    public Identity {
        models = List.copyOf(models);
        variants = Collections.unmodifiableSet(new TreeSet<>(variants));
    }

    /** The evidence in an offer's facts. */
    public static Identity of(ProductFacts facts) {
        Identity seen = SEEN.get(facts);
        if (seen != null) {
            return seen;
        }
        Identity identity = worked(facts);
        if (SEEN.size() >= REMEMBERED) {
            SEEN.clear();
        }
        SEEN.put(facts, identity);
        return identity;
    }

    /** Whether a title alone names an accessory <em>for</em> another product, as {@link #accessory()} would say. */
    public static boolean isAccessoryTitle(String title) {
        return isAccessory(words(title == null ? "" : title));
    }

    /** Forgets the identities remembered: for a benchmark of the work itself. */
    static void forget() {
        SEEN.clear();
    }

    /** The evidence worked out from the facts, not remembered. */
    static Identity worked(ProductFacts facts) {
        String title = facts.name();
        List<String> words = words(title);
        boolean accessory = isAccessory(words);
        String own = accessory ? ownPart(title) : title;
        String brand = Brands.normalize(facts.brand());
        if (brand == null) {
            brand = Brands.recognise(own);
        }
        Set<String> variants = new LinkedHashSet<>();
        for (String word : accessory ? words(own) : words) {
            if (VARIANT_WORDS.contains(word)) {
                variants.add(word);
            }
        }
        if (own.indexOf('+') >= 0 && PLUS_SIGN.matcher(own).find()) {
            variants.add("plus"); // "Galaxy S24+"
        }
        return new Identity(Gtin.parse(facts.gtin()).orElse(null), brand, ModelCodes.of(facts.model(), own),
                Quantities.of(title), variants, accessory);
    }

    /**
     * SAME when the GTINs are equal, or the brand is the same and a model code is equal with no conflicting
     * quantity, variant (for line codes such as {@code a15}) or accessory status; DIFFERENT when the GTINs
     * differ, one is an accessory and the other not, a quantity both state differs, the brands differ, or
     * codes of one family differ; otherwise UNSURE.
     */
    public Match match(Identity other) {
        if (gtin != null && other.gtin != null) {
            return gtin.equals(other.gtin) ? Match.same("gtin") : Match.different("gtin");
        }
        if (accessory != other.accessory) {
            return Match.different("accessory");
        }
        String quantity = quantities.firstConflict(other.quantities);
        if (quantity != null) {
            return Match.different("quantity:" + quantity);
        }
        if (brand != null && other.brand != null && !brand.equals(other.brand)) {
            return Match.different("brand");
        }
        ModelComparison models = compareModels(other);
        if (models == ModelComparison.CONFLICT) {
            return Match.different("model");
        }
        if (models == ModelComparison.WEAK_MATCH && !variants.equals(other.variants)) {
            return Match.different("variant");
        }
        if (brand == null || other.brand == null) {
            return Match.unsure("no-brand");
        }
        return models == ModelComparison.NONE ? Match.unsure("no-common-model") : Match.same("brand+model");
    }

    /**
     * A key that names the product when the offer alone makes it certain: {@code gtin:<13 or 14 digits>},
     * else {@code bm:<brand>|<model>} when the brand is known and the title has one strong model code
     * (others only inside it), followed by {@code |<n>gb} for storage and {@code |x<n>} for packs, which
     * one model code does not settle; null otherwise.
     */
    public String matchKey() {
        if (gtin != null) {
            return "gtin:" + gtin.value();
        }
        if (brand == null) {
            return null;
        }
        ModelCode longest = null;
        for (ModelCode code : models) {
            if (code.strong() && (longest == null || code.code().length() > longest.code().length())) {
                longest = code;
            }
        }
        if (longest == null) {
            return null;
        }
        for (ModelCode code : models) {
            if (code.strong() && !longest.code().contains(code.code())) {
                return null; // two products named: not certain
            }
        }
        StringBuilder key = new StringBuilder("bm:").append(brand).append('|').append(longest.code());
        if (quantities.storageGb() != null) {
            key.append('|').append(amount(quantities.storageGb())).append("gb");
        }
        if (quantities.pack() != null && quantities.pack() > 1) {
            key.append("|x").append(quantities.pack());
        }
        if (accessory) {
            // the jar "para licuadora Oster BLSTKAG" is not the blender: never the same key, group or catalog product
            key.append("|accesorio");
        }
        return key.toString();
    }

    /** The model code to show: the first strong one (the store's field when it has one), else the first; or null. */
    public String model() {
        return models.stream().filter(ModelCode::strong).findFirst()
                .or(() -> models.stream().findFirst()).map(ModelCode::code).orElse(null);
    }

    private enum ModelComparison { STRONG_MATCH, WEAK_MATCH, CONFLICT, NONE }

    /**
     * A conflict is two codes of one family ({@code un55du7000}/{@code un65du7000}, {@code a15}/{@code a25})
     * neither of which is found in the other offer: it outweighs any code they share.
     */
    private ModelComparison compareModels(Identity other) {
        boolean strong = false;
        boolean weak = false;
        for (ModelCode mine : models) {
            for (ModelCode theirs : other.models) {
                if (mine.code().equals(theirs.code())) {
                    strong |= mine.strong() || theirs.strong();
                    weak = true;
                }
            }
        }
        for (ModelCode mine : models) {
            if (other.has(mine)) {
                continue;
            }
            for (ModelCode theirs : other.models) {
                if (!has(theirs) && mine.family().equals(theirs.family()) && !mine.overlaps(theirs)) {
                    return ModelComparison.CONFLICT;
                }
            }
        }
        return strong ? ModelComparison.STRONG_MATCH : weak ? ModelComparison.WEAK_MATCH : ModelComparison.NONE;
    }

    private boolean has(ModelCode code) {
        for (ModelCode mine : models) {
            if (mine.code().equals(code.code())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An accessory word before anything the product includes ("con ..."), either at the start of the title
     * ("Funda ...", "Samsung Cargador ...") or followed by "para"/"compatible"/"repuesto".
     */
    static boolean isAccessory(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (INCLUDES_WORDS.contains(word)) {
                return false;
            }
            if (AccessoryWords.contains(word)) {
                if (i <= 1) {
                    return true;
                }
                for (int j = i + 1; j < words.size(); j++) {
                    if (FOR_WORDS.contains(words.get(j))) {
                        return true;
                    }
                    if (INCLUDES_WORDS.contains(words.get(j))) {
                        break;
                    }
                }
            }
        }
        return false;
    }

    private static String ownPart(String title) {
        Matcher m = FOR.matcher(title);
        return m.find() ? title.substring(0, m.start()) : title;
    }

    private static List<String> words(String text) {
        return Text.words(Text.normalize(text)); // SearchQuery.normalize(text).split("[^\\p{L}\\p{N}]+"), no empty words
    }

    private static String amount(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
