package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.CategoryRepository;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.domain.Category;
import gt.dondelocompro.domain.CategoryPath;
import gt.dondelocompro.domain.Offer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Categories in memory, keyed as in the database by parent and slug; the first name seen for a slug stays. */
public final class InMemoryCategoryRepository implements CategoryRepository {

    private record Key(Long parentId, String slug) {
    }

    private final Map<Key, Long> ids = new HashMap<>();
    private final Map<Long, Category> byId = new HashMap<>();
    private final Map<Long, Long> categoryOfProduct = new HashMap<>();
    private long nextId = 1;

    @Override
    public synchronized Map<String, Long> link(List<Offer> offers, Map<ProductKey, Long> productIds) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (Offer offer : offers) {
            Optional<CategoryPath> path = CategoryPath.parse(offer.category());
            Long productId = productIds.get(ProductKey.of(offer));
            if (path.isEmpty() || productId == null) {
                continue;
            }
            Long parent = null;
            for (CategoryPath.Level level : path.get().levels()) {
                Long parentId = parent;
                parent = ids.computeIfAbsent(new Key(parentId, level.slug()), k -> {
                    long id = nextId++;
                    byId.put(id, new Category(id, level.name(), level.slug(), parentId));
                    return id;
                });
            }
            categoryOfProduct.put(productId, parent);
            result.put(path.get().key(), parent);
        }
        return result;
    }

    @Override
    public synchronized Map<Long, Long> categoriesOf(Collection<Long> productIds) {
        Map<Long, Long> found = new HashMap<>();
        for (Long productId : productIds) {
            Long category = categoryOfProduct.get(productId);
            if (category != null) {
                found.put(productId, category);
            }
        }
        return found;
    }

    @Override
    public synchronized List<Category> path(long id) {
        List<Category> path = new ArrayList<>();
        for (Category c = byId.get(id); c != null; c = c.parentId() == null ? null : byId.get(c.parentId())) {
            path.addFirst(c);
        }
        return path;
    }
}
