package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.GetSearchUseCase;
import gt.dondelocompro.application.port.in.HealthUseCase;
import gt.dondelocompro.application.port.in.ListVendorsUseCase;
import gt.dondelocompro.application.port.in.PopularSearchesUseCase;
import gt.dondelocompro.application.port.in.PriceHistoryUseCase;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.StorePerformanceUseCase;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;

import java.util.Objects;

/** The inbound ports the HTTP adapter drives; {@link #of(DondeLoCompro)} takes them from the assembled core. */
public record HttpUseCases(StartSearchUseCase startSearch, GetSearchUseCase getSearch,
                           SubscribeToSearchUseCase subscribeToSearch, ListVendorsUseCase vendors,
                           HealthUseCase health, PriceHistoryUseCase priceHistory,
                           PopularSearchesUseCase popularSearches, StorePerformanceUseCase storePerformance) {

    public HttpUseCases {
        Objects.requireNonNull(startSearch, "startSearch");
        Objects.requireNonNull(getSearch, "getSearch");
        Objects.requireNonNull(subscribeToSearch, "subscribeToSearch");
        Objects.requireNonNull(vendors, "vendors");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(priceHistory, "priceHistory");
        Objects.requireNonNull(popularSearches, "popularSearches");
        Objects.requireNonNull(storePerformance, "storePerformance");
    }

    public static HttpUseCases of(DondeLoCompro core) {
        return new HttpUseCases(core.startSearch(), core.getSearch(), core.subscribeToSearch(), core.vendors(),
                core.health(), core.priceHistory(), core.popularSearches(), core.storePerformance());
    }
}
