package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.contract.CategoryRepositoryContract;
import gt.dondelocompro.application.contract.Persistence;
import gt.dondelocompro.application.testing.SearchFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/** The CategoryRepository contract, unchanged, run against the jOOQ adapters on PostgreSQL; and the rows it leaves. */
class JooqCategoryRepositoryContractTest extends CategoryRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Override
    protected Persistence newPersistence() {
        DB.truncateAll();
        return JooqPersistenceTestSupport.ports(DB.persistence());
    }

    @Test
    void a_search_with_two_paths_sharing_a_parent_leaves_four_category_rows_and_two_linked_products() {
        persistence.record(SearchFixtures.search("licuadora").answered(CEMACO,
                offer(CEMACO, "111", "Licuadora Oster", "499.00").withIdentifiers(null, null, "Electrodomésticos/Cocina/Licuadoras"),
                offer(CEMACO, "222", "Batidora Oster", "399.00").withIdentifiers(null, null, "Electrodomésticos > Cocina > Batidoras"))
                .build());

        var dsl = DB.persistence().dsl();
        assertThat(dsl.fetch("""
                select c.name, c.slug, coalesce(p.slug, '-') from categories c left join categories p on p.id = c.parent_id
                order by c.id""").map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)))
                .containsExactly("Electrodomésticos|electrodomesticos|-", "Cocina|cocina|electrodomesticos",
                        "Batidoras|batidoras|cocina", "Licuadoras|licuadoras|cocina");
        assertThat(dsl.fetch("""
                select p.vendor_product_id, c.slug from products p join categories c on c.id = p.category_id
                order by p.vendor_product_id""").map(r -> r.get(0) + "|" + r.get(1)))
                .containsExactly("111|licuadoras", "222|batidoras");
    }
}
