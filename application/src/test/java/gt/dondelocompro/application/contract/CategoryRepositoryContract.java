package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.Category;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.Vendor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of every {@code CategoryRepository}, driven through the recorder's writer: each level of an offer's
 * category path is one category under its parent, got or created by slug and parent, and the offer's product points
 * at the last level.
 */
public abstract class CategoryRepositoryContract extends PersistenceContract {

    private static final Instant DAY1 = Instant.parse("2026-11-01T12:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-02T12:00:00Z");

    private static Offer inCategory(Vendor store, String id, String name, String category) {
        return offer(store, id, name, "499.00").withIdentifiers(null, null, category);
    }

    private void recorded(Instant at, Vendor store, Offer... offers) {
        SearchSnapshot search = SearchFixtures.search("licuadora").at(at).answered(store, offers).build();
        assertThat(persistence.record(search)).isTrue();
    }

    private long productId(Vendor store, String id) {
        ProductKey key = new ProductKey(store.id(), id);
        return persistence.products().findProductIds(List.of(key)).get(key);
    }

    /** The category path of a product as "name (slug) > ...", and checks each level's parent is the level before. */
    private List<String> pathOf(Vendor store, String id) {
        long product = productId(store, id);
        Long category = persistence.categories().categoriesOf(List.of(product)).get(product);
        assertThat(category).as("category of product %s", id).isNotNull();
        List<Category> path = persistence.categories().path(category);
        assertThat(path.getLast().id()).isEqualTo(category);
        assertThat(path.getFirst().parentId()).isNull();
        for (int i = 1; i < path.size(); i++) {
            assertThat(path.get(i).parentId()).isEqualTo(path.get(i - 1).id());
        }
        return path.stream().map(c -> c.name() + " (" + c.slug() + ")").toList();
    }

    private long categoryOf(Vendor store, String id) {
        long product = productId(store, id);
        return persistence.categories().categoriesOf(List.of(product)).get(product);
    }

    @Test
    void two_paths_sharing_a_parent_make_one_row_per_level_and_link_each_product_to_its_last_level() {
        recorded(DAY1, CEMACO,
                inCategory(CEMACO, "111", "Licuadora Oster", "Electrodomésticos/Cocina/Licuadoras"),
                inCategory(CEMACO, "222", "Batidora Oster", "Electrodomésticos > Cocina > Batidoras"));

        assertThat(pathOf(CEMACO, "111")).containsExactly("Electrodomésticos (electrodomesticos)", "Cocina (cocina)",
                "Licuadoras (licuadoras)");
        assertThat(pathOf(CEMACO, "222")).containsExactly("Electrodomésticos (electrodomesticos)", "Cocina (cocina)",
                "Batidoras (batidoras)");
        List<Category> blender = persistence.categories().path(categoryOf(CEMACO, "111"));
        List<Category> mixer = persistence.categories().path(categoryOf(CEMACO, "222"));
        assertThat(blender.subList(0, 2)).isEqualTo(mixer.subList(0, 2)); // the same two parent rows
        assertThat(blender.getLast().id()).isNotEqualTo(mixer.getLast().id());
    }

    @Test
    void the_same_name_under_two_parents_is_two_categories() {
        recorded(DAY1, CEMACO,
                inCategory(CEMACO, "c-1", "Funda para celular", "Celulares/Accesorios"),
                inCategory(CEMACO, "h-1", "Organizador", "Hogar/Accesorios"));

        assertThat(pathOf(CEMACO, "c-1")).containsExactly("Celulares (celulares)", "Accesorios (accesorios)");
        assertThat(pathOf(CEMACO, "h-1")).containsExactly("Hogar (hogar)", "Accesorios (accesorios)");
        assertThat(categoryOf(CEMACO, "c-1")).isNotEqualTo(categoryOf(CEMACO, "h-1"));
    }

    @Test
    void a_path_seen_again_at_another_store_in_other_words_gets_the_same_categories_and_keeps_the_first_names() {
        recorded(DAY1, CEMACO, inCategory(CEMACO, "111", "Licuadora Oster", "/Electrodomésticos/Cocina/Licuadoras/"));
        recorded(DAY2, CURACAO, inCategory(CURACAO, "k-1", "LICUADORA OSTER", "ELECTRODOMESTICOS » cocina » LICUADORAS"));

        assertThat(categoryOf(CURACAO, "k-1")).isEqualTo(categoryOf(CEMACO, "111"));
        assertThat(pathOf(CURACAO, "k-1")).containsExactly("Electrodomésticos (electrodomesticos)", "Cocina (cocina)",
                "Licuadoras (licuadoras)");
    }

    @Test
    void linking_the_same_offers_again_keeps_the_ids_and_returns_them_by_path() {
        List<Offer> offers = List.of(inCategory(CEMACO, "111", "Licuadora", "Hogar/Cocina"),
                inCategory(CEMACO, "222", "Olla", "Hogar/Cocina"));
        Map<String, Long> first = persistence.transactions().inTransaction(() ->
                persistence.categories().link(offers, persistence.products().saveOffers(offers, DAY1)));
        Map<String, Long> again = persistence.transactions().inTransaction(() ->
                persistence.categories().link(offers, persistence.products().saveOffers(offers, DAY2)));

        assertThat(first).containsOnlyKeys("hogar/cocina");
        assertThat(again).isEqualTo(first);
        assertThat(categoryOf(CEMACO, "111")).isEqualTo(first.get("hogar/cocina"));
        assertThat(categoryOf(CEMACO, "222")).isEqualTo(first.get("hogar/cocina"));
    }

    @Test
    void an_offer_without_a_category_keeps_the_products_category_and_a_new_path_moves_it() {
        recorded(DAY1, CEMACO, inCategory(CEMACO, "111", "Licuadora", "Hogar/Cocina"));
        long kitchen = categoryOf(CEMACO, "111");

        recorded(DAY2, CEMACO, offer(CEMACO, "111", "Licuadora", "479.00"), inCategory(CEMACO, "999", "Nada", " / > "));
        assertThat(categoryOf(CEMACO, "111")).isEqualTo(kitchen);
        long nothing = productId(CEMACO, "999");
        assertThat(persistence.categories().categoriesOf(List.of(nothing))).isEmpty();

        recorded(DAY2.plusSeconds(60), CEMACO, inCategory(CEMACO, "111", "Licuadora", "Electrodomésticos/Licuadoras"));
        assertThat(pathOf(CEMACO, "111")).containsExactly("Electrodomésticos (electrodomesticos)", "Licuadoras (licuadoras)");
        assertThat(persistence.categories().path(kitchen)).extracting(Category::slug).containsExactly("hogar", "cocina");
    }

    @Test
    void an_unknown_category_has_no_path() {
        assertThat(persistence.categories().path(987_654)).isEmpty();
        assertThat(persistence.categories().categoriesOf(List.of(1L, 2L))).isEmpty();
    }
}
