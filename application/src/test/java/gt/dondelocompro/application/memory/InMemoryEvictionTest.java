package gt.dondelocompro.application.memory;

import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.SearchSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory store of searches stays bounded by count and by age. */
class InMemoryEvictionTest {

    @Test
    void beyond_the_count_the_oldest_searches_go_first() {
        InMemorySearchRepository repo = new InMemorySearchRepository(3, Duration.ofDays(1), Clock.systemUTC());
        List<SearchSnapshot> all = IntStream.range(0, 5).mapToObj(i -> SearchFixtures.search("q" + i).build()).toList();

        all.forEach(s -> repo.save(s, Map.of()));

        assertThat(repo.size()).isEqualTo(3);
        assertThat(repo.findById(all.get(0).id())).isEmpty();
        assertThat(repo.findById(all.get(4).id())).isPresent();
    }

    @Test
    void searches_older_than_the_age_limit_go() {
        Instant[] now = {Instant.parse("2026-11-23T00:00:00Z")};
        Clock clock = new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        InMemorySearchRepository repo = new InMemorySearchRepository(100, Duration.ofHours(1), clock);
        SearchSnapshot old = SearchFixtures.search("vieja").build();
        repo.save(old, Map.of());

        now[0] = now[0].plus(Duration.ofMinutes(61));
        repo.save(SearchFixtures.search("nueva").build(), Map.of());

        assertThat(repo.findById(old.id())).isEmpty();
        assertThat(repo.size()).isEqualTo(1);
    }

    @Test
    void the_cache_lookup_finds_the_latest_completed_search_of_the_query_and_none_once_evicted() {
        InMemorySearchRepository repo = new InMemorySearchRepository(3, Duration.ofDays(1), Clock.systemUTC());
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        SearchSnapshot older = SearchFixtures.search("licuadora").at(t).build();
        SearchSnapshot newer = SearchFixtures.search("Licuadora").at(t.plusSeconds(60)).build();
        SearchSnapshot otherSize = SearchFixtures.search("licuadora").maxResults(5).at(t.plusSeconds(90)).build();
        repo.save(newer, Map.of());
        repo.save(older, Map.of()); // saved later, completed earlier: the completion decides
        repo.save(otherSize, Map.of());
        repo.save(SearchFixtures.joined(newer, "licuadora"), Map.of()); // evicts newer, the oldest saved

        assertThat(repo.findLatestCompleted("licuadora", 10, t.minusSeconds(1))).contains(older);
        assertThat(repo.findLatestCompleted("licuadora", 10, t.plusSeconds(1))).as("older than asked").isEmpty();
        assertThat(repo.findLatestCompleted("licuadora", 5, t)).contains(otherSize);

        repo.save(SearchFixtures.search("plancha").build(), Map.of());
        repo.save(SearchFixtures.search("tostadora").build(), Map.of());
        assertThat(repo.findLatestCompleted("licuadora", 10, t.minusSeconds(1))).isEmpty();
        assertThat(repo.findLatestCompleted("licuadora", 5, t.minusSeconds(1))).isEmpty();
        assertThat(repo.findLatestCompleted("plancha", 10, Instant.EPOCH)).isPresent();
    }
}
