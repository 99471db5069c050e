package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.CategoryRepository;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.db.jooq.tables.records.CategoriesRecord;
import gt.dondelocompro.domain.Category;
import gt.dondelocompro.domain.CategoryPath;
import gt.dondelocompro.domain.Offer;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep3;
import org.jooq.Record4;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import static gt.dondelocompro.db.jooq.Tables.CATEGORIES;
import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.values;

/**
 * Categories on PostgreSQL. Linking a search's products is one multi-row upsert per level of the deepest path (a
 * level's rows need their parents' ids) and one update of the products, whatever the number of offers.
 */
public final class JooqCategoryRepository implements CategoryRepository {

    private final DSLContext dsl;
    private final JooqTransactions transactions;

    JooqCategoryRepository(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    private record Key(Integer parentId, String slug) {
    }

    @Override
    public Map<String, Long> link(List<Offer> offers, Map<ProductKey, Long> productIds) {
        // the path of each product (a store listing it twice: the last listing wins, as for its details), and every
        // path by key: sorted, so concurrent saves lock the same category rows in the same order
        Map<Long, CategoryPath> pathOfProduct = new LinkedHashMap<>();
        TreeMap<String, CategoryPath> paths = new TreeMap<>();
        for (Offer offer : offers) {
            Optional<CategoryPath> path = CategoryPath.parse(offer.category());
            Long productId = productIds.get(ProductKey.of(offer));
            if (path.isPresent() && productId != null) {
                pathOfProduct.put(productId, path.get());
                paths.put(path.get().key(), path.get());
            }
        }
        if (paths.isEmpty()) {
            return Map.of();
        }
        return transactions.inTransaction(() -> {
            Map<String, Integer> ids = upsertLevels(paths.values());
            linkProducts(pathOfProduct, ids);
            Map<String, Long> result = new LinkedHashMap<>();
            paths.keySet().forEach(key -> result.put(key, ids.get(key).longValue()));
            return result;
        });
    }

    /** The id of every path and of every ancestor of one, by {@link CategoryPath#key()}. */
    private Map<String, Integer> upsertLevels(Collection<CategoryPath> paths) {
        Map<String, Integer> ids = new HashMap<>();
        int deepest = paths.stream().mapToInt(CategoryPath::depth).max().orElse(0);
        for (int depth = 1; depth <= deepest; depth++) {
            TreeMap<String, CategoryPath> level = new TreeMap<>();
            for (CategoryPath path : paths) {
                if (path.depth() >= depth) {
                    CategoryPath prefix = path.prefix(depth);
                    level.putIfAbsent(prefix.key(), prefix);
                }
            }
            InsertValuesStep3<CategoriesRecord, String, String, Integer> insert =
                    dsl.insertInto(CATEGORIES, CATEGORIES.NAME, CATEGORIES.SLUG, CATEGORIES.PARENT_ID);
            level.values().forEach(p -> insert.values(p.leaf().name(), p.leaf().slug(), parentId(p, ids)));
            // get-or-create: a conflicting row is "updated" to itself so that RETURNING gives its id; the name first
            // seen for a slug stays
            Map<Key, Integer> returned = new HashMap<>();
            // one level is all roots or all children: its conflicts are on one of the two partial unique indexes of V5
            var conflict = depth == 1
                    ? insert.onConflict(CATEGORIES.SLUG).where(CATEGORIES.PARENT_ID.isNull())
                    : insert.onConflict(CATEGORIES.PARENT_ID, CATEGORIES.SLUG).where(CATEGORIES.PARENT_ID.isNotNull());
            conflict.doUpdate()
                    .set(CATEGORIES.SLUG, excluded(CATEGORIES.SLUG))
                    .returningResult(CATEGORIES.ID, CATEGORIES.PARENT_ID, CATEGORIES.SLUG)
                    .fetch()
                    .forEach(r -> returned.put(new Key(r.value2(), r.value3()), r.value1()));
            level.forEach((key, p) -> ids.put(key, Objects.requireNonNull(returned.get(new Key(parentId(p, ids), p.leaf().slug())),
                    () -> "no id returned for category " + key)));
        }
        return ids;
    }

    private static Integer parentId(CategoryPath path, Map<String, Integer> ids) {
        return path.depth() == 1 ? null : ids.get(path.prefix(path.depth() - 1).key());
    }

    private void linkProducts(Map<Long, CategoryPath> pathOfProduct, Map<String, Integer> ids) {
        Map<Long, Integer> targets = new LinkedHashMap<>();
        pathOfProduct.forEach((product, path) -> targets.put(product, ids.get(path.key())));
        ProductLinks.set(dsl, PRODUCTS.CATEGORY_ID, SQLDataType.INTEGER, targets);
    }

    @Override
    public Map<Long, Long> categoriesOf(Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> found = new HashMap<>();
        dsl.select(PRODUCTS.ID, PRODUCTS.CATEGORY_ID)
                .from(PRODUCTS)
                .where(PRODUCTS.ID.in(productIds), PRODUCTS.CATEGORY_ID.isNotNull())
                .forEach(r -> found.put(r.value1(), r.value2().longValue()));
        return found;
    }

    @Override
    public List<Category> path(long id) {
        // one round trip: from the category up to its root
        CommonTableExpression<Record4<Integer, String, String, Integer>> up = name("up")
                .fields("id", "name", "slug", "parent_id")
                .as(select(CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.SLUG, CATEGORIES.PARENT_ID)
                        .from(CATEGORIES)
                        .where(CATEGORIES.ID.eq(Math.toIntExact(id)))
                        .unionAll(select(CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.SLUG, CATEGORIES.PARENT_ID)
                                .from(CATEGORIES)
                                .join(name("up"))
                                .on(CATEGORIES.ID.eq(org.jooq.impl.DSL.field(name("up", "parent_id"), Integer.class)))));
        List<Category> path = new ArrayList<>();
        dsl.withRecursive(up)
                .selectFrom(up)
                .forEach(r -> path.addFirst(new Category(r.value1(), r.value2(), r.value3(),
                        r.value4() == null ? null : r.value4().longValue())));
        return path;
    }
}
