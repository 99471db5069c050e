package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.TrackedProductRepository;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.PriceObservation;
import gt.dondelocompro.domain.alert.AlertTarget;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static gt.dondelocompro.db.jooq.Tables.CATALOG_PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.VENDORS;
import static org.jooq.impl.DSL.noCondition;

/** The store products of an alert target, with their catalog product's model and their latest price, in one query. */
public final class JooqTrackedProductRepository implements TrackedProductRepository {

    private final DSLContext dsl;

    JooqTrackedProductRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<TrackedProduct> productsOf(AlertTarget target) {
        Condition which = switch (target) {
            case AlertTarget.CatalogProduct c -> PRODUCTS.CATALOG_PRODUCT_ID.eq(c.id());
            case AlertTarget.StoreProduct p -> PRODUCTS.ID.eq(p.id());
        };
        LatestPrice latest = LatestPrice.ofEachProduct();
        Field<BigDecimal> price = latest.price();
        Field<String> currency = latest.currency();
        Field<String> availability = latest.availability();
        Field<Instant> scrapedAt = latest.scrapedAt();
        return dsl.select(PRODUCTS.ID, PRODUCTS.CATALOG_PRODUCT_ID, PRODUCTS.VENDOR_ID, PRODUCTS.VENDOR_PRODUCT_ID, VENDORS.NAME,
                        PRODUCTS.NAME, PRODUCTS.BRAND, CATALOG_PRODUCTS.BRAND, CATALOG_PRODUCTS.MODEL, PRODUCTS.URL)
                .select(price, currency, availability, scrapedAt)
                .from(PRODUCTS)
                .join(VENDORS).on(VENDORS.ID.eq(PRODUCTS.VENDOR_ID))
                .leftJoin(CATALOG_PRODUCTS).on(CATALOG_PRODUCTS.ID.eq(PRODUCTS.CATALOG_PRODUCT_ID))
                .leftJoin(latest.table()).on(noCondition())
                .where(which)
                .orderBy(PRODUCTS.ID)
                .fetch(r -> new TrackedProduct(r.get(PRODUCTS.ID), r.get(PRODUCTS.CATALOG_PRODUCT_ID),
                        new ProductKey(r.get(PRODUCTS.VENDOR_ID), r.get(PRODUCTS.VENDOR_PRODUCT_ID)), r.get(VENDORS.NAME),
                        r.get(PRODUCTS.NAME), r.get(PRODUCTS.BRAND) != null ? r.get(PRODUCTS.BRAND) : r.get(CATALOG_PRODUCTS.BRAND),
                        r.get(CATALOG_PRODUCTS.MODEL), r.get(PRODUCTS.URL),
                        r.get(price) == null ? null : new PriceObservation(new Money(r.get(price), Currency.getInstance(r.get(currency))),
                                Availability.fromWireName(r.get(availability)), r.get(scrapedAt))));
    }
}
