package gt.dondelocompro.adapters.persistence;

import org.jooq.DSLContext;
import org.jooq.InsertValuesStep3;
import gt.dondelocompro.db.jooq.tables.records.VendorsRecord;

import java.util.SortedMap;

import static gt.dondelocompro.db.jooq.Tables.VENDORS;
import static org.jooq.impl.DSL.excluded;

/** The stores a search met, created on first sight: one multi-row upsert. */
final class VendorRows {

    private VendorRows() {
    }

    /**
     * Inserts the stores not known yet (base_url '' until configured) and renames those whose name changed;
     * a configured base_url is never touched. Sorted by id, so concurrent saves lock rows in one order.
     */
    static void upsert(DSLContext dsl, SortedMap<String, String> namesById) {
        if (namesById.isEmpty()) {
            return;
        }
        InsertValuesStep3<VendorsRecord, String, String, String> insert =
                dsl.insertInto(VENDORS, VENDORS.ID, VENDORS.NAME, VENDORS.BASE_URL);
        namesById.forEach((id, name) -> insert.values(id, name == null || name.isBlank() ? id : name, ""));
        insert.onConflict(VENDORS.ID)
                .doUpdate()
                .set(VENDORS.NAME, excluded(VENDORS.NAME))
                .set(VENDORS.UPDATED_AT, org.jooq.impl.DSL.currentInstant())
                .where(VENDORS.NAME.isDistinctFrom(excluded(VENDORS.NAME)))
                .execute();
    }
}
