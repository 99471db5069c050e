package gt.dondelocompro.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store of record holds of an offer, in one place: the column sizes of
 * {@code db/src/main/resources/db/migration/V1__schema.sql} (a test of the jOOQ adapter compares them with
 * the generated schema). An offer with a {@link #problems problem} cannot be saved as it is; store adapters
 * may use these limits and {@link StorableText#clean} to keep such offers from arising at all.
 */
public final class OfferLimits {

    /** {@code vendors.id}, {@code products.vendor_id}: varchar(50). */
    public static final int VENDOR_ID_LENGTH = 50;
    /** {@code vendors.name}: varchar(100). */
    public static final int VENDOR_NAME_LENGTH = 100;
    /** {@code products.vendor_product_id}: varchar(1024), also for ids derived from the URL. */
    public static final int VENDOR_PRODUCT_ID_LENGTH = 1024;
    /** {@code product_prices.price} and {@code list_price} are numeric(12,2): amounts must stay below 10^10. */
    public static final BigDecimal PRICE_LIMIT = BigDecimal.TEN.pow(10);

    private OfferLimits() {
    }

    /** Why this offer could not be saved as it is, one reason per field; empty when it can. */
    public static List<String> problems(Offer offer) {
        List<String> problems = new ArrayList<>();
        length(problems, "vendor_id", offer.vendorId(), VENDOR_ID_LENGTH);
        length(problems, "vendor_name", offer.vendorName(), VENDOR_NAME_LENGTH);
        length(problems, "vendor_product_id", offer.vendorProductId(), VENDOR_PRODUCT_ID_LENGTH);
        text(problems, "vendor_id", offer.vendorId());
        text(problems, "vendor_name", offer.vendorName());
        text(problems, "vendor_product_id", offer.vendorProductId());
        text(problems, "name", offer.name());
        text(problems, "brand", offer.brand());
        text(problems, "url", offer.url());
        text(problems, "image_url", offer.imageUrl());
        amount(problems, "price", offer.price());
        amount(problems, "list_price", offer.listPrice());
        return List.copyOf(problems);
    }

    /** Whether an amount fits numeric(12,2), which refuses 10^10 and more (it rounds finer fractions to cents). */
    public static boolean fits(Money money) {
        return money.amount().abs().compareTo(PRICE_LIMIT) < 0;
    }

    private static void length(List<String> problems, String field, String value, int max) {
        if (value != null && StorableText.length(value) > max) {
            problems.add(field + " has " + StorableText.length(value) + " characters, at most " + max + " are kept");
        }
    }

    private static void text(List<String> problems, String field, String value) {
        StorableText.problem(value).ifPresent(p -> problems.add(field + " " + p));
    }

    private static void amount(List<String> problems, String field, Money money) {
        if (money != null && !fits(money)) {
            problems.add(field + " " + money.amount().toPlainString() + " does not fit numeric(12,2): it must stay below 10^10");
        }
    }
}
