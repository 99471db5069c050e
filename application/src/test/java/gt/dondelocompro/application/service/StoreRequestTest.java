package gt.dondelocompro.application.service;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.port.in.SearchTicket;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.out.Store;
import gt.dondelocompro.application.port.out.StoreRequest;
import gt.dondelocompro.application.port.out.StoreResult;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.SearchQuery;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.Vendor;
import gt.dondelocompro.domain.VendorOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static gt.dondelocompro.application.testing.EventReader.readToEnd;
import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/** What the core tells each store of its search: the deadline, and whether the answer is still wanted. */
class StoreRequestTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private DondeLoCompro core;

    @AfterEach
    void close() {
        if (core != null) {
            core.close(Duration.ofSeconds(2));
        }
    }

    /** A store that keeps the request it was given and answers what {@code answer} says. */
    private static final class RequestKeepingStore implements Store {
        final AtomicReference<StoreRequest> request = new AtomicReference<>();
        final AtomicBoolean wantedWhileAsked = new AtomicBoolean();
        final CountDownLatch asked = new CountDownLatch(1);
        private final Vendor vendor;
        private final StoreResult answer;

        RequestKeepingStore(Vendor vendor, StoreResult answer) {
            this.vendor = vendor;
            this.answer = answer;
        }

        @Override
        public Vendor vendor() {
            return vendor;
        }

        @Override
        public StoreResult search(SearchQuery query, int maxResults) {
            throw new AssertionError("the core asks with a StoreRequest");
        }

        @Override
        public StoreResult search(StoreRequest r) throws InterruptedException {
            request.set(r);
            wantedWhileAsked.set(r.stillWanted());
            asked.countDown();
            if (answer == null) {
                new CountDownLatch(1).await(); // until the deadline interrupts
            }
            return answer;
        }
    }

    private SearchSnapshot run(SearchSettings settings, Store... stores) throws InterruptedException {
        core = DondeLoCompro.builder().stores(List.of(stores)).settings(settings).build();
        SearchTicket ticket = core.startSearch().startSearch(StartSearchCommand.of("licuadora", 10, false));
        readToEnd(core.subscribeToSearch().subscribe(ticket.searchId(), 0).orElseThrow(), LIMIT);
        return core.getSearch().getSearch(ticket.searchId()).orElseThrow();
    }

    @Test
    void each_store_is_told_the_searchs_deadline_and_the_answer_stops_being_wanted_once_the_deadline_counted_it() throws Exception {
        RequestKeepingStore hanging = new RequestKeepingStore(ELEKTRA, null);
        RequestKeepingStore quick = new RequestKeepingStore(CEMACO,
                StoreResult.Offers.of(List.of(offer(CEMACO, "1", "Licuadora Oster", "499.00"))));
        Instant before = Instant.now();

        SearchSnapshot done = run(SearchSettings.defaults().withStoreTimeout(Duration.ofMillis(400)), hanging, quick);
        Instant after = Instant.now();

        StoreRequest request = hanging.request.get();
        assertThat(request.query().normalized()).isEqualTo("licuadora");
        assertThat(request.maxResults()).isEqualTo(10);
        // the deadline is the store timeout (shorter than the search's 15 s) from when the stores were asked
        assertThat(request.deadline()).isBetween(before.plusMillis(400), after.plusMillis(400));
        assertThat(hanging.wantedWhileAsked).isTrue();
        assertThat(quick.wantedWhileAsked).isTrue();
        assertThat(request.stillWanted()).as("after the deadline counted it as timed out").isFalse();
        assertThat(quick.request.get().stillWanted()).as("after it answered").isFalse();
        assertThat(done.outcomes()).extracting(VendorOutcome::kind).containsExactly(FailureKind.TIMEOUT, null);
    }

    @Test
    void a_busy_store_is_reported_with_kind_busy_while_the_others_answer() throws Exception {
        RequestKeepingStore busy = new RequestKeepingStore(ELEKTRA,
                new StoreResult.Failure(FailureKind.BUSY, "store 'elektra': 40 requests ahead at its host"));
        RequestKeepingStore quick = new RequestKeepingStore(CEMACO,
                StoreResult.Offers.of(List.of(offer(CEMACO, "1", "Licuadora Oster", "499.00"))));

        SearchSnapshot done = run(SearchSettings.defaults(), busy, quick);

        assertThat(done.outcomes()).extracting(VendorOutcome::kind).containsExactly(FailureKind.BUSY, null);
        assertThat(done.events()).map(e -> e.event()).filteredOn(SearchEvent.VendorError.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((SearchEvent.VendorError) e).kind().wireName()).isEqualTo("busy"));
        assertThat(busy.asked.await(0, TimeUnit.SECONDS)).isTrue();
    }
}
