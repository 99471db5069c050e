package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.CatalogProductRepository;
import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.domain.CatalogEntry;
import gt.dondelocompro.domain.CatalogPriceHistory;
import gt.dondelocompro.domain.CatalogProduct;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceObservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Catalog products in memory. Prices are read from the product repository the offers were saved in, as the
 * database joins them; a store product's details are those of the offer it was last linked with.
 */
public final class InMemoryCatalogProductRepository implements CatalogProductRepository {

    private final ProductRepository products;
    private final Map<String, Long> idsByKey = new HashMap<>();
    private final Map<Long, Described> catalog = new HashMap<>();
    private final Map<Long, Long> catalogOfProduct = new HashMap<>();
    private final Map<Long, Sighting> latestOfProduct = new HashMap<>();
    private long nextId = 1;

    private record Described(CatalogEntry entry, Instant updatedAt) {
    }

    private record Sighting(ProductKey key, Offer offer, Instant at) {
    }

    /** {@code products}: where the offers linked here are saved, for their prices. */
    public InMemoryCatalogProductRepository(ProductRepository products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    @Override
    public synchronized Map<String, Long> link(List<Offer> offers, Map<ProductKey, Long> productIds, Instant seenAt) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (Offer offer : offers) {
            Optional<CatalogEntry> found = CatalogEntry.of(offer);
            Long productId = productIds.get(ProductKey.of(offer));
            if (found.isEmpty() || productId == null) {
                continue;
            }
            CatalogEntry entry = found.get();
            long id = idsByKey.computeIfAbsent(entry.matchKey(), k -> nextId++);
            // as the database: the details seen latest win, a GTIN once known stays, a missing brand or model keeps the old
            catalog.merge(id, new Described(entry, seenAt), (old, now) -> now.updatedAt().isBefore(old.updatedAt())
                    ? new Described(withGtin(old.entry(), now.entry().gtin()), old.updatedAt())
                    : new Described(merged(now.entry(), old.entry()), now.updatedAt()));
            catalogOfProduct.put(productId, id);
            latestOfProduct.merge(productId, new Sighting(ProductKey.of(offer), offer, seenAt),
                    (old, now) -> now.at().isBefore(old.at()) ? old : now);
            result.put(entry.matchKey(), id);
        }
        return result;
    }

    private static CatalogEntry merged(CatalogEntry newer, CatalogEntry older) {
        return new CatalogEntry(newer.matchKey(), newer.name(), newer.brand() != null ? newer.brand() : older.brand(),
                newer.model() != null ? newer.model() : older.model(), older.gtin() != null ? older.gtin() : newer.gtin());
    }

    private static CatalogEntry withGtin(CatalogEntry e, String gtin) {
        return e.gtin() != null || gtin == null ? e : new CatalogEntry(e.matchKey(), e.name(), e.brand(), e.model(), gtin);
    }

    @Override
    public synchronized Map<String, Long> findIds(Collection<String> matchKeys) {
        Map<String, Long> found = new HashMap<>();
        for (String key : matchKeys) {
            Long id = idsByKey.get(key);
            if (id != null) {
                found.put(key, id);
            }
        }
        return found;
    }

    @Override
    public synchronized Optional<CatalogProduct> findById(long id) {
        Described described = catalog.get(id);
        if (described == null) {
            return Optional.empty();
        }
        List<CatalogProduct.StoreOffer> linked = new ArrayList<>();
        catalogOfProduct.forEach((productId, catalogId) -> {
            if (catalogId == id) {
                Sighting s = latestOfProduct.get(productId);
                Offer o = s.offer();
                linked.add(new CatalogProduct.StoreOffer(productId, o.vendorId(), o.vendorName(), s.key().vendorProductId(),
                        o.name(), o.brand(), o.url(), o.imageUrl(), o.price(), o.listPrice(), o.availability(), s.at()));
            }
        });
        CatalogEntry e = described.entry();
        return Optional.of(CatalogProduct.withLatestPerStore(id, e.name(), e.brand(), e.model(), e.gtin(), linked));
    }

    @Override
    public synchronized Optional<CatalogPriceHistory> findPriceHistory(long id, Instant since) {
        if (!catalog.containsKey(id)) {
            return Optional.empty();
        }
        List<CatalogPriceHistory.StoreObservation> seen = new ArrayList<>();
        catalogOfProduct.forEach((productId, catalogId) -> {
            if (catalogId == id) {
                String vendorId = latestOfProduct.get(productId).key().vendorId();
                for (PriceObservation o : products.priceHistory(productId, since).map(h -> h.observations()).orElse(List.of())) {
                    seen.add(new CatalogPriceHistory.StoreObservation(vendorId, o));
                }
            }
        });
        return Optional.of(CatalogPriceHistory.of(id, seen));
    }
}
