package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.db.jooq.tables.records.ProductsRecord;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Row2;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.SQLDataType;

import java.util.Map;

import static gt.dondelocompro.db.jooq.Tables.PRODUCTS;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.values;

/** Sets one reference column of many products in one statement ({@code UPDATE products ... FROM (VALUES ...)}). */
final class ProductLinks {

    private ProductLinks() {
    }

    /** {@code targets}: product id → the id {@code column} should hold; rows already right are not written again. */
    static <T> void set(DSLContext dsl, TableField<ProductsRecord, T> column, DataType<T> type, Map<Long, T> targets) {
        if (targets.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Row2<Long, T>[] rows = targets.entrySet().stream()
                .map(e -> row(val(e.getKey(), SQLDataType.BIGINT).cast(SQLDataType.BIGINT), val(e.getValue(), type).cast(type)))
                .toArray(Row2[]::new);
        Table<Record2<Long, T>> links = values(rows).as("links", "product_id", "target_id");
        Field<Long> productId = links.field("product_id", Long.class);
        Field<T> targetId = links.field("target_id", type);
        // a re-save changes nothing
        dsl.update(PRODUCTS)
                .set(column, targetId)
                .from(links)
                .where(PRODUCTS.ID.eq(productId), column.isDistinctFrom(targetId))
                .execute();
    }
}
