package gt.dondelocompro.domain.alert;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.InvalidValueException;
import gt.dondelocompro.domain.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The alert rules as shoppers expect them, table by table: each row is a rule, the price at creation, a sequence of
 * sightings ("450" in stock, "450 out" out of stock, "450 ?" unknown), and which of those sightings notify.
 */
class AlertRulesTest {

    static Stream<Arguments> sequences() {
        return Stream.of(
                // below_price 450
                arguments("fires when it becomes true", below("450"), "500", List.of("500", "480", "450"), "--N"),
                arguments("already true at creation: the first check notifies", below("450"), "400", List.of("400"), "N"),
                arguments("no repeat while the price stays the same", below("450"), "500", List.of("440", "440", "440"), "N--"),
                arguments("no repeat while the price rises under the threshold", below("450"), "500", List.of("400", "420", "449"), "N--"),
                arguments("a further drop below the last notified price notifies again", below("450"), "500",
                        List.of("440", "445", "430", "430", "435", "431", "420"), "N-N---N"),
                arguments("a rise above the threshold then a new fall notifies again", below("450"), "500",
                        List.of("440", "460", "445"), "N-N"),
                arguments("out of stock does not count; back in stock under the price notifies", below("450"), "500",
                        List.of("400 out", "400 out", "400"), "--N"),
                arguments("unknown availability counts as buyable", below("450"), "500", List.of("400 ?"), "N"),
                arguments("the exact threshold counts", below("450"), "500", List.of("450.00"), "N"),
                arguments("a price above never notifies", below("450"), "500", List.of("451", "450.01", "999"), "---"),
                // drop_percent 10 from the price at creation
                arguments("drop of 10 %: fires at 10 % below the price at creation", drop("10"), "500", List.of("460", "450", "450"), "-N-"),
                arguments("drop: already 10 % below at the first check", drop("10"), "500", List.of("400"), "N"),
                arguments("drop: further drop notifies again, rises do not", drop("10"), "500", List.of("449", "440", "445", "430"), "NN-N"),
                arguments("drop: no price known at creation, the first sighting is the base", drop("10"), null, List.of("500", "460", "450"), "--N"),
                // back_in_stock
                arguments("back in stock: fires on the change from out to in", back(), null, List.of("500 out", "500 out", "500"), "--N"),
                arguments("back in stock: in stock at the first check notifies", back(), null, List.of("500", "490"), "N-"),
                arguments("back in stock: staying in stock or price changes do not repeat", back(), null, List.of("500 out", "500", "400", "300"), "-N--"),
                arguments("back in stock: out and in again notifies again", back(), null, List.of("500 out", "500", "500 out", "510"), "-N-N"),
                arguments("back in stock: unknown availability changes nothing", back(), null, List.of("500 out", "500 ?", "500"), "--N"),
                arguments("back in stock: unknown between two in-stock sightings does not repeat", back(), null, List.of("500", "500 ?", "500"), "N--"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void notifiesAsShoppersExpect(String situation, AlertRule rule, String priceAtCreation, List<String> sightings, String expected) {
        AlertState state = AlertState.initial(priceAtCreation == null ? null : new BigDecimal(priceAtCreation));
        StringBuilder told = new StringBuilder();
        for (String s : sightings) {
            AlertRules.Decision d = AlertRules.evaluate(rule, state, sighting(s));
            told.append(d.tells() ? 'N' : '-');
            state = d.next();
        }
        assertThat(told.toString()).as(situation + " " + sightings).isEqualTo(expected);
    }

    @Test
    void aFurtherDropSaysSoAndTheFirstSaysTheRuleWasMet() {
        AlertRules.Decision first = AlertRules.evaluate(below("450"), AlertState.initial(null), sighting("440"));
        AlertRules.Decision second = AlertRules.evaluate(below("450"), first.next(), sighting("420"));
        assertThat(first.reason()).isEqualTo(AlertRules.Reason.RULE_MET);
        assertThat(second.reason()).isEqualTo(AlertRules.Reason.FURTHER_DROP);
        assertThat(second.next().lastNotifiedPrice()).isEqualByComparingTo("420");
    }

    @Test
    void theDropTargetIsRoundedDownToTheCent() {
        assertThat(AlertRules.dropTarget(new BigDecimal("499.99"), new BigDecimal("10"))).isEqualByComparingTo("449.99");
        assertThat(AlertRules.dropTarget(new BigDecimal("100"), new BigDecimal("33.33"))).isEqualByComparingTo("66.67");
    }

    @Test
    void rulesChannelsAndTargetsRefuseBadValuesNamingTheField() {
        List<Runnable> bad = new ArrayList<>(List.of(
                () -> new AlertRule.BelowPrice(BigDecimal.ZERO),
                () -> new AlertRule.BelowPrice(new BigDecimal("1.001")),
                () -> new AlertRule.DropPercent(new BigDecimal("100")),
                () -> new AlertRule.DropPercent(new BigDecimal("-5")),
                () -> new AlertChannel.Webhook(URI.create("ftp://example.com/x")),
                () -> new AlertChannel.Webhook(URI.create("https://user:pw@example.com/x")),
                () -> new AlertChannel.Ntfy(URI.create("https://ntfy.sh/")),
                () -> new AlertChannel.Email("not-an-address"),
                () -> new AlertChannel.Email("a b@example.com"),
                () -> new AlertTarget.StoreProduct(0)));
        for (Runnable r : bad) {
            assertThatThrownBy(r::run).isInstanceOf(InvalidValueException.class)
                    .satisfies(e -> assertThat(((InvalidValueException) e).field()).matches("rule\\..*|channel\\..*|target\\..*"));
        }
        assertThat(new AlertChannel.Email(" Ana@Example.COM ").address()).isEqualTo("Ana@example.com");
        assertThat(AlertTarget.fromKey(new AlertTarget.CatalogProduct(12).key())).isEqualTo(new AlertTarget.CatalogProduct(12));
        assertThat(AlertTarget.fromKey("product:34")).isEqualTo(new AlertTarget.StoreProduct(34));
        assertThat(new AlertRule.DropPercent(new BigDecimal("10.50")).value()).isEqualByComparingTo("10.5");
    }

    static AlertRule below(String price) {
        return new AlertRule.BelowPrice(new BigDecimal(price));
    }

    static AlertRule drop(String percent) {
        return new AlertRule.DropPercent(new BigDecimal(percent));
    }

    static AlertRule back() {
        return new AlertRule.BackInStock();
    }

    static Sighting sighting(String text) {
        String[] parts = text.split(" ");
        Availability availability = parts.length == 1 ? Availability.IN_STOCK
                : parts[1].equals("out") ? Availability.OUT_OF_STOCK : Availability.UNKNOWN;
        return new Sighting(Money.gtq(parts[0]), availability);
    }
}
