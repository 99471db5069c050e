package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.Vendor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A store for tests: answers each query with what {@code answer} says, but only once the query's gate is open.
 * Gates start open unless a test {@link #hold(String) holds} one before searching, and {@link #release(String)
 * releases} it when it wants the store to answer.
 */
final class GateStore implements Store {

    private final Vendor vendor;
    private final Function<Vendor, StoreResult> answer;
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    GateStore(Vendor vendor, Function<Vendor, StoreResult> answer) {
        this.vendor = vendor;
        this.answer = answer;
    }

    static GateStore offering(String id, String name, Offering... offerings) {
        return new GateStore(Vendor.of(id, name), v -> StoreResult.Offers.of(
                List.of(offerings).stream().map(o -> o.offer(v)).toList()));
    }

    static GateStore failing(String id, String name, FailureKind kind, String message) {
        return new GateStore(Vendor.of(id, name), v -> new StoreResult.Failure(kind, message));
    }

    /** The store will not answer {@code query} until released. */
    void hold(String query) {
        gates.put(SearchQuery.normalize(query), new CountDownLatch(1));
    }

    void release(String query) {
        CountDownLatch gate = gates.get(SearchQuery.normalize(query));
        if (gate != null) {
            gate.countDown();
        }
    }

    @Override
    public Vendor vendor() {
        return vendor;
    }

    @Override
    public StoreResult search(SearchQuery query, int maxResults) throws InterruptedException {
        CountDownLatch gate = gates.get(query.normalized());
        if (gate != null) {
            gate.await();
        }
        return answer.apply(vendor);
    }

    /** One product a test store shows. */
    record Offering(String sku, String name, String price, String listPrice, Availability availability) {
        Offer offer(Vendor v) {
            return Offer.of(v, sku, name, "Oster", "https://" + v.id() + ".example/p/" + sku,
                    "https://" + v.id() + ".example/img/" + sku + ".jpg", Money.gtq(price),
                    listPrice == null ? null : Money.gtq(listPrice), availability);
        }
    }
}
