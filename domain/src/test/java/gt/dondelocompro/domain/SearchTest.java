package gt.dondelocompro.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Vendor CEMACO = Vendor.of("cemaco", "Cemaco");
    private static final Vendor MAX = Vendor.of("max", "Max");

    private final Search search = Search.initiate(UUID.randomUUID(), SearchQuery.of("Licuadora Oster"), 10, T0);

    private static Offer offer(Vendor v, String name, String price, Availability availability) {
        return Offer.of(v, name, name, null, "https://example.gt/" + name.hashCode(), null, Money.gtq(price), null, availability)
                .scoredFor(SearchQuery.of("licuadora oster"));
    }

    @Test
    void runs_through_its_life_cycle_logging_every_step_with_sequence_numbers() {
        search.start(List.of(CEMACO, MAX), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorStarted("max", T0);
        search.vendorAnswered("cemaco", List.of(offer(CEMACO, "Licuadora Oster", "499.00", Availability.IN_STOCK)), Duration.ofMillis(1200), T0.plusSeconds(1));
        search.vendorFailed("max", FailureKind.TIMEOUT, "no answer within 8000 ms", Duration.ofSeconds(8), T0.plusSeconds(8));
        search.complete(T0.plusSeconds(8));

        SearchSnapshot s = search.snapshot();
        assertThat(s.status()).isEqualTo(SearchStatus.COMPLETED);
        assertThat(s.events()).extracting(e -> e.event().name()).containsExactly(
                "started", "vendor_started", "vendor_started", "product_found", "vendor_completed", "vendor_error", "completed");
        assertThat(s.events()).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(s.duration()).contains(Duration.ofSeconds(8));
        assertThat(s.outcomes()).extracting(VendorOutcome::status).containsExactly(VendorOutcome.Status.COMPLETED, VendorOutcome.Status.FAILED);
        assertThat(s.outcomes().get(1).kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(s.outcomes().get(1).duration()).isEqualTo(Duration.ofSeconds(8));
        assertThat(s.outcomes().getFirst().duration()).isEqualTo(Duration.ofMillis(1200));
        SearchEvent.Completed completed = (SearchEvent.Completed) s.events().getLast().event();
        assertThat(completed.totalResults()).isEqualTo(1);
        assertThat(completed.cheapest().name()).isEqualTo("Licuadora Oster");
    }

    @Test
    void refuses_illegal_transitions() {
        assertThatThrownBy(() -> search.complete(T0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("initiated");
        assertThatThrownBy(() -> search.vendorStarted("cemaco", T0)).isInstanceOf(IllegalStateException.class);

        search.start(List.of(CEMACO), T0);
        assertThatThrownBy(() -> search.start(List.of(CEMACO), T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> search.vendorAnswered("cemaco", List.of(), Duration.ZERO, T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before it started");
        search.vendorStarted("cemaco", T0);
        assertThatThrownBy(() -> search.complete(T0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("pending");
        assertThatThrownBy(() -> search.vendorStarted("walmart", T0)).isInstanceOf(IllegalArgumentException.class);

        search.vendorAnswered("cemaco", List.of(), Duration.ZERO, T0);
        assertThatThrownBy(() -> search.vendorFailed("cemaco", FailureKind.PARSE, "x", Duration.ZERO, T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already answered");
        search.complete(T0);

        assertThatThrownBy(() -> search.complete(T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> search.fail("late", T0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("completed");
    }

    @Test
    void fails_from_initiated_or_running_with_its_message() {
        search.fail("no active stores are configured", T0);

        SearchSnapshot s = search.snapshot();
        assertThat(s.status()).isEqualTo(SearchStatus.FAILED);
        assertThat(s.errorMessage()).isEqualTo("no active stores are configured");
        assertThat(s.events().getLast().event()).isEqualTo(new SearchEvent.Error("no active stores are configured"));
        assertThat(s.events().getLast().event().isTerminal()).isTrue();
    }

    @Test
    void max_results_must_be_between_1_and_50() {
        assertThatThrownBy(() -> Search.initiate(UUID.randomUUID(), SearchQuery.of("x"), 0, T0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("max_results");
        assertThatThrownBy(() -> Search.initiate(UUID.randomUUID(), SearchQuery.of("x"), 51, T0))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void the_cheapest_offer_is_in_stock_and_relevant() {
        search.start(List.of(CEMACO), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorAnswered("cemaco", List.of(
                offer(CEMACO, "Licuadora Oster Clásica", "399.00", Availability.OUT_OF_STOCK),
                offer(CEMACO, "Vaso para licuadora Oster", "89.00", Availability.IN_STOCK),
                offer(CEMACO, "Licuadora Oster Pro", "459.00", Availability.IN_STOCK),
                offer(CEMACO, "Licuadora Oster 10 velocidades", "449.00", Availability.UNKNOWN)), Duration.ZERO, T0);
        search.complete(T0);

        assertThat(search.snapshot().cheapest()).map(Offer::name).contains("Licuadora Oster 10 velocidades");
    }

    @Test
    void a_cached_answer_replays_the_source_search_and_says_where_it_came_from() {
        search.start(List.of(CEMACO, MAX), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorStarted("max", T0);
        search.vendorAnswered("cemaco", List.of(offer(CEMACO, "Licuadora Oster", "499.00", Availability.IN_STOCK)), Duration.ofSeconds(1), T0);
        search.vendorFailed("max", FailureKind.PARSE, "site changed", Duration.ofSeconds(1), T0);
        search.complete(T0.plusSeconds(1));
        SearchSnapshot source = search.snapshot();

        SearchSnapshot cached = Search.answeredFromCache(UUID.randomUUID(), SearchQuery.of("licuadora  óster"), source, T0.plusSeconds(60)).snapshot();

        assertThat(cached.cached()).isTrue();
        assertThat(cached.cachedFrom()).isEqualTo(new CacheOrigin(source.id(), source.completedAt()));
        assertThat(cached.status()).isEqualTo(SearchStatus.COMPLETED);
        assertThat(cached.offers()).isEqualTo(source.offers());
        assertThat(cached.outcomes()).extracting(VendorOutcome::kind).containsExactly(null, FailureKind.PARSE);
        assertThat(cached.query().original()).isEqualTo("licuadora  óster");
    }

    @Test
    void a_joined_search_follows_the_running_one_event_for_event_and_names_it() {
        search.start(List.of(CEMACO, MAX), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorStarted("max", T0);
        Search joined = Search.joining(UUID.randomUUID(), SearchQuery.of("licuadora  óster"), search.snapshot().id(), 10, T0.plusMillis(50));
        search.snapshot().events().forEach(joined::follow);
        assertThat(joined.snapshot().joinedFrom()).isEqualTo(search.snapshot().id());
        assertThat(joined.snapshot().cachedFrom().completedAt()).as("unknown while the source runs").isNull();
        assertThat(joined.snapshot().cached()).isFalse();
        assertThat(joined.snapshot().status()).isEqualTo(SearchStatus.RUNNING);

        search.vendorAnswered("cemaco", List.of(offer(CEMACO, "Licuadora Oster", "499.00", Availability.IN_STOCK)), Duration.ofSeconds(1), T0.plusSeconds(1));
        search.vendorFailed("max", FailureKind.PARSE, "site changed", Duration.ofSeconds(2), T0.plusSeconds(2));
        search.complete(T0.plusSeconds(2));
        SearchSnapshot source = search.snapshot();
        source.eventsAfter(joined.eventCount()).forEach(joined::follow);

        SearchSnapshot followed = joined.snapshot();
        assertThat(followed.events()).extracting(RecordedEvent::sequence, RecordedEvent::at, e -> e.event().name())
                .containsExactlyElementsOf(source.events().stream().map(e -> org.assertj.core.groups.Tuple.tuple(
                        e.sequence(), e.at(), e.event().name())).toList());
        assertThat(followed.events().getLast().event()).isEqualTo(source.events().getLast().event());
        assertThat(followed.outcomes()).isEqualTo(source.outcomes());
        assertThat(followed.status()).isEqualTo(SearchStatus.COMPLETED);
        assertThat(followed.cachedFrom()).isEqualTo(CacheOrigin.joined(source.id(), source.completedAt()));
        assertThat(followed.answeredFromAnother()).isTrue();
        assertThat(followed.query().original()).isEqualTo("licuadora  óster");
    }

    @Test
    void a_joined_search_fails_as_its_source_does_and_refuses_an_event_out_of_order() {
        Search joined = Search.joining(UUID.randomUUID(), SearchQuery.of("licuadora"), search.snapshot().id(), 10, T0);
        search.fail("no active stores are configured", T0.plusMillis(5));

        assertThatThrownBy(() -> joined.follow(new RecordedEvent(2, T0, new SearchEvent.Error("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected event 1");
        joined.follow(search.snapshot().events().getFirst());

        assertThat(joined.snapshot().status()).isEqualTo(SearchStatus.FAILED);
        assertThat(joined.snapshot().errorMessage()).isEqualTo("no active stores are configured");
        assertThat(joined.snapshot().cachedFrom().completedAt()).isEqualTo(T0.plusMillis(5));
        assertThatThrownBy(() -> search.follow(search.snapshot().events().getFirst())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_stale_answer_names_the_refresh_asking_the_stores_again() {
        search.start(List.of(CEMACO), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorAnswered("cemaco", List.of(), Duration.ofSeconds(1), T0.plusSeconds(1));
        search.complete(T0.plusSeconds(1));
        UUID refresh = UUID.randomUUID();

        SearchSnapshot stale = Search.answeredFromCache(UUID.randomUUID(), SearchQuery.of("licuadora"), search.snapshot(),
                T0.plus(Duration.ofHours(2)), refresh).snapshot();

        assertThat(stale.cached()).isTrue();
        assertThat(stale.stale()).isTrue();
        assertThat(stale.cachedFrom()).isEqualTo(CacheOrigin.stale(search.snapshot().id(), T0.plusSeconds(1), refresh));
        assertThat(stale.joinedFrom()).isNull();
    }

    @Test
    void a_cached_answer_keeps_the_source_event_order_and_every_store_duration() {
        Vendor curacao = Vendor.of("curacao", "La Curacao");
        search.start(List.of(CEMACO, MAX, curacao), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorStarted("max", T0);
        search.vendorStarted("curacao", T0);
        // answered in another order than asked: the cached log must keep the answering order
        search.vendorFailed("max", FailureKind.HTTP_STATUS, "answered 503", Duration.ofMillis(200), T0.plusMillis(200));
        search.vendorAnswered("cemaco", List.of(offer(CEMACO, "Licuadora Oster", "499.00", Availability.IN_STOCK)),
                Duration.ofMillis(300), T0.plusMillis(300));
        search.vendorAnswered("curacao", List.of(), Duration.ofMillis(1500), T0.plusMillis(1500));
        search.complete(T0.plusMillis(1500));
        SearchSnapshot source = search.snapshot();

        Instant later = T0.plus(Duration.ofMinutes(10));
        SearchSnapshot cached = Search.answeredFromCache(UUID.randomUUID(), SearchQuery.of("licuadora oster"), source, later).snapshot();

        assertThat(cached.events()).extracting(e -> e.event().name())
                .containsExactlyElementsOf(source.events().stream().map(e -> e.event().name()).toList());
        assertThat(cached.outcomes()).isEqualTo(source.outcomes());
        assertThat(cached.outcomes()).extracting(VendorOutcome::duration)
                .containsExactly(Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(1500));
        SearchEvent.Completed completed = (SearchEvent.Completed) cached.events().getLast().event();
        assertThat(completed.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(cached.duration()).contains(Duration.ofMillis(1500));
        assertThat(cached.cachedFrom().completedAt()).isEqualTo(T0.plusMillis(1500));
        assertThat(cached.createdAt()).isEqualTo(later);
        assertThat(cached.events()).allSatisfy(e -> assertThat(e.at()).isEqualTo(later));
    }

    private static Offer scored(Vendor v, String sku, String name, String price, String relevance) {
        return new Offer(v.id(), v.name(), sku, name, null, "https://" + v.id() + ".example/p/" + sku, null,
                Money.gtq(price), null, Availability.IN_STOCK, new java.math.BigDecimal(relevance));
    }

    @Test
    void the_completed_event_carries_the_offers_grouped_into_products() {
        search.start(List.of(CEMACO, MAX), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorStarted("max", T0);
        search.vendorAnswered("cemaco", List.of(scored(CEMACO, "c1", "Licuadora Oster BLSTKAG", "449.00", "1.00"),
                scored(CEMACO, "c2", "Licuadora Oster Pro 1200", "699.00", "1.00")), Duration.ZERO, T0);
        search.vendorAnswered("max", List.of(scored(MAX, "m1", "LICUADORA OSTER BLSTKAG-WBL", "439.00", "1.00")), Duration.ZERO, T0);
        search.complete(T0);

        SearchSnapshot s = search.snapshot();
        SearchEvent.Completed completed = (SearchEvent.Completed) s.events().getLast().event();
        assertThat(completed.groups()).extracting(g -> g.product().offers()).containsExactly(List.of(0, 2), List.of(1));
        ComparisonGroup blender = completed.groups().getFirst();
        assertThat(blender.id()).isEqualTo("bm:oster|blstkag");
        assertThat(blender.cheapestVendorId()).isEqualTo("max");
        assertThat(blender.product().saving()).isEqualTo(Money.gtq("10.00"));
        assertThat(completed.groups().get(1).id()).isEqualTo("offer:cemaco/c2");
        assertThat(s.groups()).isEqualTo(completed.groups());
        assertThat(completed.cheapest().vendorProductId()).isEqualTo("m1");
    }

    @Test
    void an_accessory_at_the_lowest_price_is_not_the_cheapest_of_the_product_asked_for() {
        Search licuadora = Search.initiate(UUID.randomUUID(), SearchQuery.of("licuadora"), 10, T0);
        licuadora.start(List.of(CEMACO), T0);
        licuadora.vendorStarted("cemaco", T0);
        // relevant enough to be a candidate (a store's own ranking can put it there), and the lowest price
        licuadora.vendorAnswered("cemaco", List.of(
                scored(CEMACO, "v1", "Vaso de repuesto para licuadora Oster BLSTKAG", "89.00", "0.60"),
                scored(CEMACO, "l1", "Licuadora Oster BLSTKAG", "449.00", "1.00")), Duration.ZERO, T0);
        licuadora.complete(T0);

        SearchSnapshot s = licuadora.snapshot();
        assertThat(s.cheapest()).map(Offer::vendorProductId).contains("l1");
        assertThat(((SearchEvent.Completed) s.events().getLast().event()).cheapest().vendorProductId()).isEqualTo("l1");
        assertThat(s.groups()).hasSize(2);
    }

    /** A group of the one offer at {@code index}. */
    private static ComparisonGroup alone(int index, List<Offer> offers) {
        Offer o = offers.get(index);
        return ComparisonGroup.of(new gt.dondelocompro.domain.identity.ProductGroup(List.of(index), index, o.price(), o.price(),
                Money.gtq("0"), List.of(o.vendorId()), o.relevance(), o.name(), "Oster", null, null, null), offers);
    }

    @Test
    void a_cached_answer_keeps_the_groups_its_source_announced() {
        search.start(List.of(CEMACO), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorAnswered("cemaco", List.of(scored(CEMACO, "c1", "Licuadora Oster BLSTKAG", "449.00", "1.00"),
                scored(CEMACO, "c2", "Licuadora Oster BLSTKAG-WBL", "439.00", "1.00")), Duration.ZERO, T0);
        search.complete(T0);
        SearchSnapshot grouped = search.snapshot();
        // a source grouped under other rules (as an older search was): one offer per group, a cheapest of its own
        List<Offer> offers = grouped.offers();
        List<ComparisonGroup> older = List.of(alone(0, offers), alone(1, offers));
        List<RecordedEvent> events = new java.util.ArrayList<>(grouped.events());
        RecordedEvent last = events.removeLast();
        events.add(new RecordedEvent(last.sequence(), last.at(), new SearchEvent.Completed(2, Duration.ZERO, offers.get(0), older)));
        SearchSnapshot source = new SearchSnapshot(grouped.id(), grouped.query(), 10, SearchStatus.COMPLETED, grouped.createdAt(),
                grouped.startedAt(), grouped.completedAt(), null, null, events);

        SearchSnapshot cached = Search.answeredFromCache(UUID.randomUUID(), grouped.query(), source, T0.plusSeconds(60)).snapshot();

        assertThat(grouped.groups()).hasSize(1);
        assertThat(cached.groups()).isEqualTo(older);
        assertThat(cached.cheapest()).contains(offers.get(0));
    }

    @Test
    void a_log_saved_before_groups_were_kept_gets_the_groups_of_its_offers() {
        search.start(List.of(CEMACO), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorAnswered("cemaco", List.of(scored(CEMACO, "c1", "Licuadora Oster BLSTKAG", "449.00", "1.00")), Duration.ZERO, T0);
        search.complete(T0);
        SearchSnapshot s = search.snapshot();
        List<RecordedEvent> events = new java.util.ArrayList<>(s.events());
        RecordedEvent last = events.removeLast();
        SearchEvent.Completed c = (SearchEvent.Completed) last.event();
        events.add(new RecordedEvent(last.sequence(), last.at(), new SearchEvent.Completed(1, c.duration(), c.cheapest(), null)));

        SearchSnapshot old = new SearchSnapshot(s.id(), s.query(), 10, SearchStatus.COMPLETED, s.createdAt(), s.startedAt(),
                s.completedAt(), null, null, events);

        assertThat(old).isEqualTo(s);
        assertThat(((SearchEvent.Completed) old.events().getLast().event()).groups()).hasSize(1);
    }

    @Test
    void leaving_offers_out_groups_the_kept_ones_again() {
        search.start(List.of(CEMACO, MAX), T0);
        search.vendorStarted("cemaco", T0);
        search.vendorStarted("max", T0);
        search.vendorAnswered("cemaco", List.of(scored(CEMACO, "c1", "Licuadora Oster BLSTKAG", "399.00", "1.00"),
                scored(CEMACO, "c2", "Licuadora Oster Pro 1200", "699.00", "1.00")), Duration.ZERO, T0);
        search.vendorAnswered("max", List.of(scored(MAX, "m1", "Licuadora Oster BLSTKAG", "439.00", "1.00")), Duration.ZERO, T0);
        search.complete(T0);

        SearchSnapshot kept = search.snapshot().withoutOffersAt(java.util.Set.of(0));

        assertThat(kept.groups()).extracting(g -> g.product().offers()).containsExactly(List.of(1), List.of(0));
        assertThat(kept.cheapest()).map(Offer::vendorProductId).contains("m1");
    }
}
