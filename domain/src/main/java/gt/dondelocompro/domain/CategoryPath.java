package gt.dondelocompro.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A store's category path, root first, as the {@code categories} table keeps it: each level a name and a slug.
 * Stores write it with {@code /} ("Electrodomésticos/Cocina/Licuadoras", VTEX's "/Hogar/Cocina/") or {@code >}
 * (breadcrumbs: "Hogar > Cocina"); both are read alike, empty levels dropped.
 */
public record CategoryPath(List<Level> levels) {

    /** Room of the {@code name} and {@code slug} columns (varchar(100)). */
    public static final int MAX_NAME_LENGTH = 100;
    /** Deeper paths are a store's mistake (or not a path at all); their first levels are kept. */
    public static final int MAX_DEPTH = 8;

    private static final Pattern SEPARATORS = Pattern.compile("[/>›»|]");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");
    private static final Pattern TRAILING_DASHES = Pattern.compile("-+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** One level of a path: its name as the store wrote it (spaces collapsed) and its slug. */
    public record Level(String name, String slug) {
        public Level {
            if (name == null || name.isBlank() || slug == null || slug.isEmpty()) {
                throw new InvalidValueException("category", "a category level needs a name and a slug");
            }
        }
    }

    public CategoryPath {
        levels = List.copyOf(levels);
        if (levels.isEmpty() || levels.size() > MAX_DEPTH) {
            throw new InvalidValueException("category", "a category path has 1 to " + MAX_DEPTH + " levels");
        }
    }

    /** The path in {@code text}, or empty when it names no level with a letter or a digit. */
    public static Optional<CategoryPath> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<Level> levels = new ArrayList<>();
        for (String part : SEPARATORS.split(StorableText.clean(text))) {
            String name = SPACES.matcher(part.strip()).replaceAll(" ");
            String slug = slug(name);
            if (!slug.isEmpty() && levels.size() < MAX_DEPTH) {
                levels.add(new Level(StorableText.clean(name, MAX_NAME_LENGTH), slug));
            }
        }
        return levels.isEmpty() ? Optional.empty() : Optional.of(new CategoryPath(levels));
    }

    /** Lower case, accents folded, every run of other characters one {@code -}: "Línea Blanca" is {@code linea-blanca}. */
    public static String slug(String name) {
        String slug = NOT_SLUG.matcher(SearchQuery.normalize(name)).replaceAll("-");
        slug = EDGE_DASHES.matcher(slug).replaceAll("");
        return slug.length() <= MAX_NAME_LENGTH ? slug : TRAILING_DASHES.matcher(slug.substring(0, MAX_NAME_LENGTH)).replaceAll("");
    }

    /** The first {@code depth} levels: the path of an ancestor (the whole path for its own depth). */
    public CategoryPath prefix(int depth) {
        return new CategoryPath(levels.subList(0, depth));
    }

    public int depth() {
        return levels.size();
    }

    public Level leaf() {
        return levels.getLast();
    }

    /** The slugs joined with {@code /}: the path's identity ("electrodomesticos/cocina/licuadoras"). */
    public String key() {
        return String.join("/", levels.stream().map(Level::slug).toList());
    }

    @Override
    public String toString() {
        return key();
    }
}
