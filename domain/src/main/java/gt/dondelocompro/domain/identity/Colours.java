package gt.dondelocompro.domain.identity;

import java.util.Set;

/** Colour words in titles (Spanish and English, both genders): never evidence that two offers differ. */
final class Colours {

    private static final Set<String> WORDS = Set.of(
            "rojo", "roja", "negro", "negra", "blanco", "blanca", "azul", "plateado", "plateada", "plata", "gris",
            "verde", "amarillo", "amarilla", "rosado", "rosada", "rosa", "morado", "morada", "violeta", "lila",
            "dorado", "dorada", "oro", "cafe", "marron", "beige", "celeste", "turquesa", "naranja", "anaranjado",
            "grafito", "titanio", "champagne", "crema", "vino", "cobre", "acero", "inoxidable", "transparente",
            "red", "black", "white", "blue", "silver", "gray", "grey", "green", "yellow", "pink", "purple", "gold",
            "graphite", "titanium", "navy", "midnight", "starlight", "mint", "lavender", "onyx");

    private Colours() {
    }

    static boolean isColour(String foldedWord) {
        return WORDS.contains(foldedWord);
    }
}
