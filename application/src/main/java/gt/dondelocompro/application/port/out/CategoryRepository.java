package gt.dondelocompro.application.port.out;

import gt.dondelocompro.domain.Category;
import gt.dondelocompro.domain.CategoryPath;
import gt.dondelocompro.domain.Offer;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The stores' categories ({@link CategoryPath}): each level of a path one category under its parent, got or
 * created by slug and parent, and the store products linked to the deepest level of their offer's path.
 */
public interface CategoryRepository {

    /**
     * Gets or creates every level of the category path of each offer that has one, and points the offer's product,
     * whose id is in {@code productIds}, at the path's last level; a few set-based statements (one per level of the
     * deepest path) whatever the number of offers. A product whose offer has no category keeps the one it had.
     * Called after {@link ProductRepository#saveOffers} in the same transaction. Returns the category id of each
     * path (by {@link CategoryPath#key()}).
     */
    Map<String, Long> link(List<Offer> offers, Map<ProductKey, Long> productIds);

    /** The category each of {@code productIds} is linked to, in one lookup; products without one are absent. */
    Map<Long, Long> categoriesOf(Collection<Long> productIds);

    /** The category {@code id} and its ancestors, root first; empty for an unknown id. */
    List<Category> path(long id);
}
