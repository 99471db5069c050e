package gt.dondelocompro.domain.identity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The identities {@link Identity#of} remembers are those the rules work out, and the cheap accessory check agrees. */
class IdentityRememberedTest {

    private static List<ProductFacts> labelledFacts() {
        List<ProductFacts> facts = new ArrayList<>();
        for (LabelledPairs.Pair pair : LabelledPairs.load()) {
            facts.add(pair.left());
            facts.add(pair.right());
        }
        return facts;
    }

    @Test
    void a_remembered_identity_is_the_one_worked_out_again() {
        List<ProductFacts> facts = labelledFacts();
        List<Identity> first = facts.stream().map(Identity::of).toList();
        List<Identity> again = facts.stream().map(Identity::of).toList();
        Identity.forget();
        List<Identity> afterForgetting = facts.stream().map(Identity::of).toList();

        assertThat(again).isEqualTo(first);
        assertThat(afterForgetting).isEqualTo(first);
        assertThat(first).isEqualTo(facts.stream().map(Identity::worked).toList());
    }

    @Test
    void the_title_accessory_check_says_what_the_identity_says() {
        List<String> titles = new ArrayList<>(labelledFacts().stream().map(ProductFacts::name).toList());
        titles.addAll(List.of("Funda para Galaxy A15", "Licuadora Oster - vaso de repuesto", "Televisor con soporte",
                "Samsung Cargador 25W", ""));
        long accessories = 0;
        for (String title : titles) {
            boolean byIdentity = Identity.of(ProductFacts.of(title, null)).accessory();
            assertThat(Identity.isAccessoryTitle(title)).as(title).isEqualTo(byIdentity);
            accessories += byIdentity ? 1 : 0;
        }
        assertThat(accessories).as("some titles are accessories, so the check is tested both ways").isGreaterThan(3);
    }
}
