package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.ProductRepository;
import gt.dondelocompro.application.port.out.UnsaveableDataException;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.PriceHistory;
import gt.dondelocompro.domain.PriceObservation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Products and their prices in memory; each product keeps its latest {@code maxPricesPerProduct} prices. */
public final class InMemoryProductRepository implements ProductRepository {

    private final Map<ProductKey, Long> ids = new HashMap<>();
    private final Map<Long, Deque<PriceObservation>> prices = new HashMap<>();
    /** Each product's offer as last saved: its details, for re-checks ({@link InMemoryTrackedProductRepository}). */
    private final Map<Long, Offer> latestOffers = new HashMap<>();
    private final int maxPricesPerProduct;
    private long nextId = 1;

    public InMemoryProductRepository(int maxPricesPerProduct) {
        this.maxPricesPerProduct = maxPricesPerProduct;
    }

    public InMemoryProductRepository() {
        this(1_000);
    }

    @Override
    public synchronized Map<ProductKey, Long> saveOffers(List<Offer> offers, Instant scrapedAt) {
        // as the database would: an offer it cannot hold fails the whole call, before anything is kept
        for (Offer offer : offers) {
            List<String> problems = ProductKey.storageProblems(offer);
            if (!problems.isEmpty()) {
                throw new UnsaveableDataException("offer " + ProductKey.of(offer) + " cannot be stored: " + String.join(", ", problems));
            }
        }
        Map<ProductKey, Long> result = new LinkedHashMap<>();
        for (Offer offer : offers) {
            ProductKey key = ProductKey.of(offer);
            long id = ids.computeIfAbsent(key, k -> nextId++);
            result.put(key, id);
            latestOffers.put(id, offer);
            Deque<PriceObservation> history = prices.computeIfAbsent(id, k -> new ArrayDeque<>());
            if (!history.isEmpty() && history.getLast().scrapedAt().equals(scrapedAt)) {
                // one price per product and moment, as in the database: a store listing it twice is seen once
                history.removeLast();
            }
            history.addLast(new PriceObservation(offer.price(), offer.availability(), scrapedAt));
            if (history.size() > maxPricesPerProduct) {
                history.removeFirst();
            }
        }
        return result;
    }

    /** The offer the product was last saved from; empty for an unknown id. */
    public synchronized Optional<Offer> latestOffer(long productId) {
        return Optional.ofNullable(latestOffers.get(productId));
    }

    @Override
    public synchronized Map<ProductKey, Long> findProductIds(Collection<ProductKey> keys) {
        Map<ProductKey, Long> found = new HashMap<>();
        for (ProductKey key : keys) {
            Long id = ids.get(key);
            if (id != null) {
                found.put(key, id);
            }
        }
        return found;
    }

    @Override
    public synchronized Optional<PriceHistory> priceHistory(long productId, Instant since) {
        Deque<PriceObservation> history = prices.get(productId);
        if (history == null) {
            return Optional.empty();
        }
        List<PriceObservation> recent = new ArrayList<>();
        for (PriceObservation o : history) {
            if (!o.scrapedAt().isBefore(since)) {
                recent.add(o);
            }
        }
        return Optional.of(new PriceHistory(productId, recent));
    }
}
