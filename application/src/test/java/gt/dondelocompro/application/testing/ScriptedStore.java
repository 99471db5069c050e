package gt.dondelocompro.application.testing;

import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Offer;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.Vendor;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A store for tests whose answer is scripted: at once, after a latch opens, a failure, or never. */
public final class ScriptedStore implements Store {

    /** What the store does when asked. */
    @FunctionalInterface
    public interface Script {
        StoreResult answer(SearchQuery query, int maxResults) throws InterruptedException;
    }

    private final Vendor vendor;
    private final Script script;
    private final AtomicInteger calls = new AtomicInteger();

    public ScriptedStore(Vendor vendor, Script script) {
        this.vendor = vendor;
        this.script = script;
    }

    public static ScriptedStore answering(Vendor vendor, Offer... offers) {
        return new ScriptedStore(vendor, (q, max) -> StoreResult.Offers.of(List.of(offers)));
    }

    /** Answers only once {@code gate} opens. */
    public static ScriptedStore answeringAfter(CountDownLatch gate, Vendor vendor, Offer... offers) {
        return new ScriptedStore(vendor, (q, max) -> {
            gate.await();
            return StoreResult.Offers.of(List.of(offers));
        });
    }

    public static ScriptedStore failing(Vendor vendor, FailureKind kind, String message) {
        return new ScriptedStore(vendor, (q, max) -> new StoreResult.Failure(kind, message));
    }

    /** Never answers; only an interrupt ends the call. */
    public static ScriptedStore hanging(Vendor vendor) {
        return new ScriptedStore(vendor, (q, max) -> {
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable");
        });
    }

    @Override
    public Vendor vendor() {
        return vendor;
    }

    @Override
    public StoreResult search(SearchQuery query, int maxResults) throws InterruptedException {
        calls.incrementAndGet();
        return script.answer(query, maxResults);
    }

    /** How often this store was asked. */
    public int calls() {
        return calls.get();
    }
}
