package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.StorePerformance;

import java.util.List;
import java.util.Optional;

/** Daily scraper health per store over the last {@code days} days; all stores when none is named. */
public interface StorePerformanceUseCase {

    List<StorePerformance> storePerformance(Optional<String> vendorId, int days);
}
