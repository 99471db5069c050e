package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.DondeLoCompro;

/** The use cases of an assembled core, as the bootstrap hands them to the adapter. */
final class TestUseCases {

    private TestUseCases() {
    }

    static HttpUseCases of(DondeLoCompro core) {
        return new HttpUseCases(core.startSearch(), core.getSearch(), core.subscribeToSearch(), core.vendors(),
                core.health(), core.priceHistory(), core.popularSearches(), core.storePerformance(), core.catalogProducts(),
                core.alerts());
    }
}
