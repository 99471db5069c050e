package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.TrackedProductRepository;
import gt.dondelocompro.domain.CatalogProduct;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceHistory;
import gt.dondelocompro.domain.PriceObservation;
import gt.dondelocompro.domain.alert.AlertTarget;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The tracked products, read from the in-memory product and catalog repositories. */
public final class InMemoryTrackedProductRepository implements TrackedProductRepository {

    private final InMemoryProductRepository products;
    private final InMemoryCatalogProductRepository catalog;

    public InMemoryTrackedProductRepository(InMemoryProductRepository products, InMemoryCatalogProductRepository catalog) {
        this.products = Objects.requireNonNull(products, "products");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public List<TrackedProduct> productsOf(AlertTarget target) {
        return switch (target) {
            case AlertTarget.StoreProduct p -> products.latestOffer(p.id())
                    .map(o -> List.of(new TrackedProduct(p.id(), null, ProductKey.of(o), o.vendorName(), o.name(), o.brand(),
                            o.model(), o.url(), latest(p.id()))))
                    .orElse(List.of());
            case AlertTarget.CatalogProduct c -> catalog.findById(c.id()).map(this::linked).orElse(List.of());
        };
    }

    private List<TrackedProduct> linked(CatalogProduct cp) {
        return cp.offers().stream().map(s -> {
            Optional<Offer> o = products.latestOffer(s.productId());
            return new TrackedProduct(s.productId(), cp.id(), new ProductKey(s.vendorId(), s.vendorProductId()), s.vendorName(),
                    s.name(), s.brand() != null ? s.brand() : cp.brand(), cp.model() != null ? cp.model() : o.map(Offer::model).orElse(null),
                    s.url(), latest(s.productId()));
        }).toList();
    }

    private PriceObservation latest(long productId) {
        List<PriceObservation> seen = products.priceHistory(productId, Instant.EPOCH).map(PriceHistory::observations).orElse(List.of());
        return seen.isEmpty() ? null : seen.getLast();
    }
}
