package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.AlertUseCase;
import gt.dondelocompro.application.port.in.CatalogProductUseCase;
import gt.dondelocompro.application.port.in.GetSearchUseCase;
import gt.dondelocompro.application.port.in.HealthUseCase;
import gt.dondelocompro.application.port.in.ListVendorsUseCase;
import gt.dondelocompro.application.port.in.PopularSearchesUseCase;
import gt.dondelocompro.application.port.in.PriceHistoryUseCase;
import gt.dondelocompro.application.port.in.StartSearchUseCase;
import gt.dondelocompro.application.port.in.StorePerformanceUseCase;
import gt.dondelocompro.application.port.in.SubscribeToSearchUseCase;

import java.util.Objects;

/** The inbound ports the HTTP adapter drives; the bootstrap hands them in. {@code alerts} null: no alert routes. */
public record HttpUseCases(StartSearchUseCase startSearch, GetSearchUseCase getSearch,
                           SubscribeToSearchUseCase subscribeToSearch, ListVendorsUseCase vendors,
                           HealthUseCase health, PriceHistoryUseCase priceHistory,
                           PopularSearchesUseCase popularSearches, StorePerformanceUseCase storePerformance,
                           CatalogProductUseCase catalogProducts, AlertUseCase alerts) {

    /** Without alerts. */
    public HttpUseCases(StartSearchUseCase startSearch, GetSearchUseCase getSearch, SubscribeToSearchUseCase subscribeToSearch,
                        ListVendorsUseCase vendors, HealthUseCase health, PriceHistoryUseCase priceHistory,
                        PopularSearchesUseCase popularSearches, StorePerformanceUseCase storePerformance,
                        CatalogProductUseCase catalogProducts) {
        this(startSearch, getSearch, subscribeToSearch, vendors, health, priceHistory, popularSearches, storePerformance,
                catalogProducts, null);
    }

    public HttpUseCases {
        Objects.requireNonNull(startSearch, "startSearch");
        Objects.requireNonNull(getSearch, "getSearch");
        Objects.requireNonNull(subscribeToSearch, "subscribeToSearch");
        Objects.requireNonNull(vendors, "vendors");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(priceHistory, "priceHistory");
        Objects.requireNonNull(popularSearches, "popularSearches");
        Objects.requireNonNull(storePerformance, "storePerformance");
        Objects.requireNonNull(catalogProducts, "catalogProducts");
    }
}
