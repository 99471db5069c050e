package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.ProductKey;
import gt.dondelocompro.application.port.out.UnsaveableDataException;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.Search;
import gt.dondelocompro.domain.SearchEvent;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.SearchStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of every {@code SearchRepository}: what is saved reads back equal, once. */
public abstract class SearchRepositoryContract extends PersistenceContract {

    private static final Instant NOW = Instant.parse("2026-11-20T15:30:00.123456Z");

    private SearchSnapshot licuadora() {
        return SearchFixtures.search("Licuadora  OSTER")
                .at(NOW)
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster 10 velocidades", "499.00"),
                        offer(CEMACO, "112", "Vaso para licuadora Oster", "89.90"))
                .answered(ELEKTRA, offer(ELEKTRA, "e-9", "Licuadora Oster Pro 1200", "1299.00"))
                .failed(CURACAO, FailureKind.TIMEOUT)
                .build();
    }

    @Test
    void a_saved_search_reads_back_equal_with_its_offers_outcomes_and_events() {
        SearchSnapshot search = licuadora();

        assertThat(persistence.record(search)).isTrue();

        SearchSnapshot read = persistence.searches().findById(search.id()).orElseThrow();
        assertThat(read).isEqualTo(search);
        assertThat(read.offers()).hasSize(3);
        assertThat(read.outcomes()).extracting(o -> o.status().wireName()).containsExactly("completed", "completed", "failed");
        assertThat(read.cheapest()).isEqualTo(search.cheapest());
    }

    @Test
    void saving_the_same_search_twice_changes_nothing() {
        SearchSnapshot search = licuadora();
        persistence.record(search);

        assertThat(persistence.record(search)).isFalse();

        assertThat(persistence.searches().findById(search.id())).contains(search);
        ProductKey key = ProductKey.of(search.offers().getFirst());
        long productId = persistence.products().findProductIds(List.of(key)).get(key);
        assertThat(persistence.products().priceHistory(productId, NOW.minus(Duration.ofDays(1))).orElseThrow().observations()).hasSize(1);
    }

    /** The search as it was when it started: what the header writer is given. */
    private static SearchSnapshot started(SearchSnapshot finished) {
        return Search.initiate(finished.id(), finished.query(), finished.maxResults(), finished.createdAt()).snapshot();
    }

    @Test
    void a_started_search_reads_back_running_without_events_and_does_not_count_as_saved() {
        SearchSnapshot finished = licuadora();

        persistence.searches().saveStarted(started(finished));

        SearchSnapshot read = persistence.searches().findById(finished.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(SearchStatus.RUNNING);
        assertThat(read.query()).isEqualTo(finished.query());
        assertThat(read.createdAt()).isEqualTo(finished.createdAt());
        assertThat(read.events()).isEmpty();
        assertThat(persistence.searches().exists(finished.id())).isFalse();
        assertThat(persistence.analytics().popularSearches(NOW.minus(Duration.ofDays(1)), 10)).isEmpty();
    }

    @Test
    void the_finished_search_replaces_the_header_written_as_it_started_and_is_counted_once() {
        SearchSnapshot finished = licuadora();
        persistence.searches().saveStarted(started(finished));

        assertThat(persistence.record(finished)).isTrue();
        assertThat(persistence.record(finished)).isFalse();

        assertThat(persistence.searches().findById(finished.id())).contains(finished);
        assertThat(persistence.searches().exists(finished.id())).isTrue();
        assertThat(persistence.analytics().popularSearches(NOW.minus(Duration.ofDays(1)), 10))
                .singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(1));
    }

    @Test
    void a_header_that_arrives_after_the_finished_save_changes_nothing() {
        SearchSnapshot finished = licuadora();
        persistence.record(finished);

        persistence.searches().saveStarted(started(finished));
        persistence.searches().saveStarted(started(finished));

        assertThat(persistence.searches().findById(finished.id())).contains(finished);
    }

    @Test
    void searches_left_running_before_a_moment_are_marked_interrupted_with_one_error_event() {
        SearchSnapshot cutOff = SearchFixtures.search("licuadora").at(NOW).answered(CEMACO).build();
        SearchSnapshot later = SearchFixtures.search("tostadora").at(NOW.plusSeconds(3600)).answered(CEMACO).build();
        SearchSnapshot done = SearchFixtures.search("televisor").at(NOW).answered(CEMACO).build();
        persistence.searches().saveStarted(started(cutOff));
        persistence.searches().saveStarted(started(later));
        persistence.record(done);
        Instant at = NOW.plusSeconds(60);

        assertThat(persistence.searches().markInterrupted(NOW.plusSeconds(1), at)).isEqualTo(1);

        SearchSnapshot read = persistence.searches().findById(cutOff.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(SearchStatus.INTERRUPTED);
        assertThat(read.isFinished()).isTrue();
        assertThat(read.completedAt()).isEqualTo(at);
        assertThat(read.errorMessage()).isEqualTo(SearchSnapshot.INTERRUPTED_MESSAGE);
        assertThat(read.events()).singleElement().satisfies(e -> assertThat(e.event()).isEqualTo(new SearchEvent.Error(SearchSnapshot.INTERRUPTED_MESSAGE)));
        assertThat(persistence.searches().findById(later.id()).orElseThrow().status()).isEqualTo(SearchStatus.RUNNING);
        assertThat(persistence.searches().findById(done.id())).contains(done);
        assertThat(persistence.searches().markInterrupted(NOW.plusSeconds(1), at)).as("marked once").isZero();
        assertThat(persistence.record(cutOff)).as("an interrupted search stays interrupted").isFalse();
    }

    @Test
    void a_search_whose_text_the_store_of_record_cannot_hold_is_refused_as_unsaveable_and_not_saved() {
        SearchSnapshot search = SearchFixtures.search("licuadora").failedWith("the store said \u0000").build();

        assertThatThrownBy(() -> persistence.record(search)).isInstanceOf(UnsaveableDataException.class);

        assertThat(persistence.searches().exists(search.id())).isFalse();
    }

    @Test
    void an_unknown_search_is_not_found() {
        assertThat(persistence.searches().findById(UUID.randomUUID())).isEmpty();
        assertThat(persistence.searches().exists(UUID.randomUUID())).isFalse();
    }

    @Test
    void a_failed_search_reads_back_with_its_error() {
        SearchSnapshot failed = SearchFixtures.search("televisor").at(NOW).answered(CEMACO).failedWith("no store could be asked").build();

        persistence.record(failed);

        SearchSnapshot read = persistence.searches().findById(failed.id()).orElseThrow();
        assertThat(read).isEqualTo(failed);
        assertThat(read.errorMessage()).isEqualTo("no store could be asked");
    }

    @Test
    void a_query_full_of_sql_meta_characters_is_stored_and_returned_verbatim() {
        String hostile = "'; DROP TABLE searches; -- \"x\" \\ % _ ñandú";
        SearchSnapshot search = SearchFixtures.search(hostile).at(NOW)
                .answered(CEMACO, offer(CEMACO, "o'1", "Robert'); DROP TABLE products;--", "10.00")).build();

        persistence.record(search);

        SearchSnapshot read = persistence.searches().findById(search.id()).orElseThrow();
        assertThat(read.query().original()).isEqualTo(hostile);
        assertThat(read.offers().getFirst().name()).isEqualTo("Robert'); DROP TABLE products;--");
        assertThat(persistence.searches().findLatestCompleted(search.query().normalized(), 10, NOW.minusSeconds(60))).contains(search);
    }

    @Test
    void the_cache_lookup_finds_the_latest_completed_search_of_the_normalized_query_within_the_age_limit() {
        SearchSnapshot older = SearchFixtures.search("Licuadora Oster").at(NOW.minus(Duration.ofMinutes(20)))
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "499.00")).build();
        SearchSnapshot newer = SearchFixtures.search("licuadora   óster").at(NOW.minus(Duration.ofMinutes(5)))
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "479.00")).build();
        SearchSnapshot otherSize = SearchFixtures.search("licuadora oster").maxResults(5).at(NOW.minus(Duration.ofMinutes(1)))
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster", "459.00")).build();
        SearchSnapshot failed = SearchFixtures.search("licuadora oster").at(NOW.minus(Duration.ofMinutes(1)))
                .answered(CEMACO).failedWith("boom").build();
        persistence.record(older);
        persistence.record(newer);
        persistence.record(otherSize);
        persistence.record(failed);

        assertThat(persistence.searches().findLatestCompleted("licuadora oster", 10, NOW.minus(Duration.ofMinutes(30)))).contains(newer);
        assertThat(persistence.searches().findLatestCompleted("licuadora oster", 10, NOW.minus(Duration.ofMinutes(2)))).isEmpty();
        assertThat(persistence.searches().findLatestCompleted("licuadora oster", 5, NOW.minus(Duration.ofMinutes(2)))).contains(otherSize);
        assertThat(persistence.searches().findLatestCompleted("licuadora", 10, NOW.minus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void a_search_answered_from_the_cache_reads_back_equal_with_its_origin() {
        SearchSnapshot source = licuadora();
        persistence.record(source);
        SearchSnapshot cached = gt.dondelocompro.domain.Search.answeredFromCache(UUID.randomUUID(),
                gt.dondelocompro.domain.SearchQuery.of("licuadora óster"), source, NOW.plusSeconds(90)).snapshot();

        persistence.record(cached);

        assertThat(persistence.searches().findById(cached.id())).contains(cached);
        // a cached answer is never itself the answer of a cache lookup
        assertThat(persistence.searches().findLatestCompleted("licuadora oster", 10, NOW.minusSeconds(60))).contains(source);
    }

    @Test
    void a_joined_search_and_a_stale_answer_read_back_equal_with_their_origins_and_neither_answers_the_cache() {
        SearchSnapshot source = licuadora();
        persistence.record(source);
        SearchSnapshot joined = SearchFixtures.joined(source, "Licuadora  Oster");
        UUID refresh = UUID.randomUUID();
        SearchSnapshot stale = gt.dondelocompro.domain.Search.answeredFromCache(UUID.randomUUID(),
                gt.dondelocompro.domain.SearchQuery.of("licuadora oster"), source, NOW.plus(Duration.ofHours(2)), refresh).snapshot();

        persistence.record(joined);
        persistence.record(stale);

        assertThat(persistence.searches().findById(joined.id())).contains(joined);
        assertThat(persistence.searches().findById(joined.id()).orElseThrow().joinedFrom()).isEqualTo(source.id());
        assertThat(persistence.searches().findById(stale.id())).contains(stale);
        assertThat(persistence.searches().findById(stale.id()).orElseThrow().cachedFrom().refreshSearchId()).isEqualTo(refresh);
        assertThat(persistence.searches().findLatestCompleted("licuadora oster", 10, NOW.minusSeconds(60))).contains(source);
    }

    @Test
    void a_running_search_is_refused() {
        var running = gt.dondelocompro.domain.Search.initiate(UUID.randomUUID(), gt.dondelocompro.domain.SearchQuery.of("x"), 10, NOW);
        assertThatThrownBy(() -> persistence.searches().save(running.snapshot(), java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void store_attempts_are_every_stores_answer_of_the_searches_that_asked_them_since_the_instant_oldest_first() {
        SearchSnapshot old = SearchFixtures.search("licuadora").at(NOW.minus(Duration.ofDays(2)))
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora", "499.00")).build();
        SearchSnapshot recent = SearchFixtures.search("licuadora").at(NOW)
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora", "499.00"))
                .answered(ELEKTRA)
                .failed(CURACAO, FailureKind.PARSE).build();
        persistence.record(old);
        persistence.record(recent);
        SearchSnapshot cached = gt.dondelocompro.domain.Search.answeredFromCache(UUID.randomUUID(),
                gt.dondelocompro.domain.SearchQuery.of("licuadora"), recent, NOW.plusSeconds(90)).snapshot();
        persistence.record(cached);

        List<gt.dondelocompro.domain.StoreAttempt> attempts = persistence.searches().storeAttemptsSince(NOW.minus(Duration.ofDays(1)), 100);

        assertThat(attempts).containsExactly(
                gt.dondelocompro.domain.StoreAttempt.succeeded("cemaco", NOW.plusMillis(105)),
                gt.dondelocompro.domain.StoreAttempt.succeeded("elektra", NOW.plusMillis(205)),
                gt.dondelocompro.domain.StoreAttempt.failed("curacao", NOW.plusMillis(305), FailureKind.PARSE, "store curacao failed: parse"));
        assertThat(persistence.searches().storeAttemptsSince(NOW.plusSeconds(1), 100)).isEmpty();
        assertThat(persistence.searches().storeAttemptsSince(NOW.minus(Duration.ofDays(3)), 1)).containsExactly(attempts.toArray(
                gt.dondelocompro.domain.StoreAttempt[]::new)); // the latest one of each store: the old search's is left out
        assertThat(persistence.searches().storeAttemptsSince(NOW.minus(Duration.ofDays(3)), 2)).hasSize(4);
    }
}
