package gt.dondelocompro.adapters.persistence;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.contract.AlertFlowContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alert flow on PostgreSQL: alerts, outbox and tracked products through the jOOQ adapters. */
class JooqAlertFlowTest extends AlertFlowContract {

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Override
    protected DondeLoCompro.Builder withAdapters(DondeLoCompro.Builder builder) {
        DB.truncateAll();
        JooqPersistence db = DB.persistence();
        return builder.persistence(db.searches(), db.products(), db.catalog(), db.categories(), db.analytics(), db.transactions(), db.health())
                .alertPersistence(db.alerts(), db.outbox(), db.trackedProducts(), db.retention());
    }
}
