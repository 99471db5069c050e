package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.StoreHealth;
import gt.dondelocompro.domain.Vendor;

import java.util.List;
import java.util.Map;

/** The configured stores, active or not, and how each has been answering. */
public interface ListVendorsUseCase {

    List<Vendor> vendors();

    /** The health of every configured store, by id ({@link StoreHealth#UNKNOWN} for one not asked yet). */
    Map<String, StoreHealth> storeHealth();
}
