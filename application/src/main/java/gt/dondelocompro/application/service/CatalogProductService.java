package gt.dondelocompro.application.service;

import gt.dondelocompro.application.port.in.CatalogProductUseCase;
import gt.dondelocompro.application.port.out.CatalogProductRepository;
import gt.dondelocompro.application.port.out.StoreOfRecordUnavailableException;
import gt.dondelocompro.domain.CatalogEntry;
import gt.dondelocompro.domain.CatalogPriceHistory;
import gt.dondelocompro.domain.CatalogProduct;
import gt.dondelocompro.domain.Offer;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Answers what was recorded of one product across stores. */
public final class CatalogProductService implements CatalogProductUseCase {

    private static final System.Logger LOG = System.getLogger(CatalogProductService.class.getName());

    private final CatalogProductRepository catalog;
    private final Clock clock;

    public CatalogProductService(CatalogProductRepository catalog, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<CatalogProduct> catalogProduct(long id) {
        return catalog.findById(id);
    }

    @Override
    public Optional<CatalogPriceHistory> priceHistory(long id, int days) {
        AnalyticsService.checkDays(days);
        return catalog.findPriceHistory(id, clock.instant().minus(Duration.ofDays(days)));
    }

    @Override
    public Map<String, Long> catalogProductIdsOf(List<Offer> offers) {
        Set<String> keys = new LinkedHashSet<>();
        for (Offer offer : offers) {
            CatalogEntry.of(offer).ifPresent(e -> keys.add(e.matchKey()));
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        try {
            return catalog.findIds(keys);
        } catch (StoreOfRecordUnavailableException down) {
            // the ids only link to the cross-store page; a search served from memory must not fail for want of them
            LOG.log(Level.DEBUG, "catalog product ids unknown while the store of record is unreachable: {0}", down.getMessage());
            return Map.of();
        }
    }
}
