package gt.dondelocompro.adapters.persistence;

import org.jooq.Field;
import org.jooq.Table;

import java.math.BigDecimal;
import java.time.Instant;

import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static gt.dondelocompro.db.jooq.Tables.PRODUCT_PRICES;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.select;

/**
 * The latest price row of the product in {@code PRODUCTS} of the surrounding query, as a lateral table to left-join
 * ({@code .leftJoin(latest.table()).on(noCondition())}); the history index (product_id, scraped_at DESC) serves it.
 */
record LatestPrice(Table<?> table, Field<BigDecimal> price, Field<BigDecimal> listPrice, Field<String> currency,
                   Field<String> availability, Field<Instant> scrapedAt) {

    static LatestPrice ofEachProduct() {
        Table<?> latest = lateral(select(PRODUCT_PRICES.PRICE, PRODUCT_PRICES.LIST_PRICE, PRODUCT_PRICES.CURRENCY,
                PRODUCT_PRICES.AVAILABILITY, PRODUCT_PRICES.SCRAPED_AT)
                .from(PRODUCT_PRICES)
                .where(PRODUCT_PRICES.PRODUCT_ID.eq(PRODUCTS.ID))
                .orderBy(PRODUCT_PRICES.SCRAPED_AT.desc())
                .limit(1)).asTable("latest");
        return new LatestPrice(latest, latest.field(PRODUCT_PRICES.PRICE), latest.field(PRODUCT_PRICES.LIST_PRICE),
                latest.field(PRODUCT_PRICES.CURRENCY), latest.field(PRODUCT_PRICES.AVAILABILITY),
                latest.field(PRODUCT_PRICES.SCRAPED_AT));
    }
}
