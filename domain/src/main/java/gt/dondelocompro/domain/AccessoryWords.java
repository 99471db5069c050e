package gt.dondelocompro.domain;

import java.util.Set;

/**
 * Words that name an accessory <em>for</em> something else ("soporte", "funda", "vaso de repuesto"): one
 * list, used by {@link Relevance} to rank accessories below the thing searched and by the identity rules
 * ({@code domain.identity}) to keep an accessory out of its product's group. Words are normalized
 * (lower case, no accents), as {@link SearchQuery#normalize} makes them.
 */
public final class AccessoryWords {

    private static final Set<String> WORDS = Set.of(
            "soporte", "base", "funda", "estuche", "case", "protector", "mica", "cable", "cargador",
            "adaptador", "control", "repuesto", "accesorio", "accesorios", "filtro", "bolsa", "cubierta",
            "forro", "correa", "tapa", "kit", "mount", "holder", "cover", "charger", "bracket", "vaso", "jarra",
            "cuchilla", "refaccion", "bateria", "pila");

    private AccessoryWords() {
    }

    /** Whether a normalized word names an accessory. */
    public static boolean contains(String normalizedWord) {
        return WORDS.contains(normalizedWord);
    }
}
