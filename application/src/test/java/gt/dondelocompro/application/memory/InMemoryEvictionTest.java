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
}
