package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.contract.AlertFlowContract;

/** The alert flow on the in-memory adapters (the default of the core). */
class InMemoryAlertFlowTest extends AlertFlowContract {

    @Override
    protected DondeLoCompro.Builder withAdapters(DondeLoCompro.Builder builder) {
        return builder;
    }
}
