package gt.dondelocompro.domain;

/** A saved category: one level of a store's category path, under its parent (null for a root). */
public record Category(long id, String name, String slug, Long parentId) {

    public Category {
        if (name == null || name.isBlank() || slug == null || slug.isBlank()) {
            throw new InvalidValueException("category", "a category needs a name and a slug");
        }
    }
}
