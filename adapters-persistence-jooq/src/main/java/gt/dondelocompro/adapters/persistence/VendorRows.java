package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.domain.Vendor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Row2;
import org.jooq.Table;

import java.util.List;
import java.util.SortedMap;

import static gt.dondelocompro.db.jooq.Tables.VENDORS;
import static org.jooq.impl.DSL.currentInstant;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.values;

/** The stores a search met, created on first sight: one statement. */
final class VendorRows {

    private VendorRows() {
    }

    /**
     * Inserts the stores not known yet (base_url '' until configured) and renames those whose name changed;
     * a configured base_url is never touched. Unlike {@code ON CONFLICT DO UPDATE}, which locks every
     * conflicting row until commit and so would make concurrent saves of searches at the same stores wait
     * for each other, only a renamed row is locked.
     */
    static void upsert(DSLContext dsl, SortedMap<String, String> namesById) {
        if (namesById.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Row2<String, String>[] rows = namesById.entrySet().stream()
                .map(e -> row(e.getKey(), e.getValue() == null || e.getValue().isBlank() ? e.getKey() : e.getValue()))
                .toArray(Row2[]::new);
        Table<Record2<String, String>> seen = values(rows).as("seen", "id", "name");
        Field<String> id = seen.field("id", String.class);
        Field<String> seenName = seen.field("name", String.class);
        dsl.with(name("renamed").as(update(VENDORS)
                        .set(VENDORS.NAME, seenName)
                        .set(VENDORS.UPDATED_AT, currentInstant())
                        .from(seen)
                        .where(VENDORS.ID.eq(id), VENDORS.NAME.isDistinctFrom(seenName))
                        .returningResult(VENDORS.ID)))
                .insertInto(VENDORS, VENDORS.ID, VENDORS.NAME, VENDORS.BASE_URL)
                .select(select(id, seenName, inline("")).from(seen))
                .onConflictDoNothing()
                .execute();
    }

    /**
     * Makes the {@code vendors} table match the configured catalog (name, base URL, platform's active flag),
     * so that store rows created on first sight get their real base URL. Stores no longer configured stay,
     * for the history that refers to them. One statement.
     */
    static int sync(DSLContext dsl, List<Vendor> vendors) {
        if (vendors.isEmpty()) {
            return 0;
        }
        var insert = dsl.insertInto(VENDORS, VENDORS.ID, VENDORS.NAME, VENDORS.BASE_URL, VENDORS.ACTIVE);
        for (Vendor v : vendors) {
            insert = insert.values(v.id(), v.name(), v.baseUrl(), v.active());
        }
        return insert.onConflict(VENDORS.ID).doUpdate()
                .set(VENDORS.NAME, DSL.excluded(VENDORS.NAME))
                .set(VENDORS.BASE_URL, DSL.excluded(VENDORS.BASE_URL))
                .set(VENDORS.ACTIVE, DSL.excluded(VENDORS.ACTIVE))
                .set(VENDORS.UPDATED_AT, currentInstant())
                .where(row(VENDORS.NAME, VENDORS.BASE_URL, VENDORS.ACTIVE)
                        .isDistinctFrom(row(DSL.excluded(VENDORS.NAME), DSL.excluded(VENDORS.BASE_URL), DSL.excluded(VENDORS.ACTIVE))))
                .execute();
    }
}
