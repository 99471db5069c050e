package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.SearchEventLog;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.RecordedEvent;
import gt.dondelocompro.domain.SearchEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static gt.dondelocompro.application.testing.SearchFixtures.CEMACO;
import static gt.dondelocompro.application.testing.SearchFixtures.CURACAO;
import static gt.dondelocompro.application.testing.SearchFixtures.ELEKTRA;
import static gt.dondelocompro.application.testing.SearchFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of every {@link SearchEventLog}: sequences from the log, replay from any point, waiting, one end, expiry. */
public abstract class SearchEventLogContract {

    /** A fresh log (its own namespace) that forgets a log once nothing was appended to it for {@code retention}. */
    protected abstract SearchEventLog newLog(Duration retention);

    private final SearchEventLog log = newLog(Duration.ofMinutes(5));

    /** Every kind of event a search logs, as a real search logs them: offers with identifiers, groups, failures. */
    private static List<RecordedEvent> aWholeSearch() {
        return SearchFixtures.search("licuadora oster")
                .answered(CEMACO, offer(CEMACO, "111", "Licuadora Oster 10 velocidades", "499.00")
                                .withIdentifiers("0034264466515", "BLSTKAG", "Cocina/Licuadoras"),
                        offer(CEMACO, "112", "Vaso para licuadora Oster", "89.90"))
                .answered(ELEKTRA, offer(ELEKTRA, "e-9", "Licuadora Oster 10 velocidades BLSTKAG", "483.99"))
                .failed(CURACAO, FailureKind.TIMEOUT)
                .build().events();
    }

    @Test
    void everyKindOfEventReadsBackEqualWithSequencesFromOne() {
        UUID id = UUID.randomUUID();
        List<RecordedEvent> events = aWholeSearch();
        List<RecordedEvent> appended = new ArrayList<>();
        for (RecordedEvent e : events) {
            appended.add(log.append(id, e.at(), e.event()).orElseThrow());
        }

        assertThat(appended).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(events.stream().map(RecordedEvent::sequence).toList());
        assertThat(log.read(id, 0, 1000)).containsExactlyElementsOf(events);
        assertThat(events).extracting(e -> e.event().name()).contains("started", "vendor_started", "product_found",
                "vendor_completed", "vendor_error", "completed");
        assertThat(((SearchEvent.Completed) events.getLast().event()).groups()).isNotEmpty();
    }

    @Test
    void readingResumesAfterAnySequenceAndStopsAtMax() {
        UUID id = UUID.randomUUID();
        for (int i = 1; i <= 5; i++) {
            log.append(id, Instant.parse("2026-12-01T10:00:00Z").plusMillis(i), new SearchEvent.VendorStarted("v" + i, "V" + i));
        }

        assertThat(log.read(id, 2, 100)).extracting(RecordedEvent::sequence).containsExactly(3L, 4L, 5L);
        assertThat(log.read(id, 1, 2)).extracting(RecordedEvent::sequence).containsExactly(2L, 3L);
        assertThat(log.read(id, 5, 100)).isEmpty();
        assertThat(log.read(UUID.randomUUID(), 0, 100)).isEmpty();
        assertThat(log.read(id, 3, 1).getFirst().at()).isEqualTo(Instant.parse("2026-12-01T10:00:00.004Z"));
    }

    @Test
    void nothingIsAppendedAfterTheTerminalEvent() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.now();
        log.append(id, at, new SearchEvent.Started("tv", 5, List.of("cemaco")));
        assertThat(log.append(id, at, new SearchEvent.Error("the instance running this search stopped"))).isPresent();

        assertThat(log.append(id, at, new SearchEvent.Completed(0, Duration.ofSeconds(1), null, List.of()))).isEmpty();
        assertThat(log.append(id, at, new SearchEvent.VendorStarted("cemaco", "Cemaco"))).isEmpty();
        assertThat(log.read(id, 0, 100)).extracting(e -> e.event().name()).containsExactly("started", "error");
    }

    @Test
    void concurrentAppendersGetDistinctSequencesAndOneOfTwoCompletionsWins() throws Exception {
        UUID id = UUID.randomUUID();
        Instant at = Instant.now();
        List<CompletableFuture<Optional<RecordedEvent>>> appends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String vendor = "v" + i;
            appends.add(CompletableFuture.supplyAsync(() -> log.append(id, at, new SearchEvent.VendorStarted(vendor, vendor))));
        }
        for (var a : appends) {
            assertThat(a.get(10, TimeUnit.SECONDS)).isPresent();
        }
        var first = CompletableFuture.supplyAsync(() -> log.append(id, at, new SearchEvent.Completed(0, Duration.ZERO, null, List.of())));
        var second = CompletableFuture.supplyAsync(() -> log.append(id, at, new SearchEvent.Completed(0, Duration.ZERO, null, List.of())));

        assertThat(List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS)))
                .filteredOn(Optional::isPresent).hasSize(1);
        assertThat(log.read(id, 0, 100)).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 21).boxed().toList());
    }

    @Test
    void aWaitingReaderGetsTheNextEventAsSoonAsItIsAppended() throws Exception {
        UUID id = UUID.randomUUID();
        log.append(id, Instant.now(), new SearchEvent.Started("tv", 5, List.of("cemaco")));
        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                long start = System.nanoTime();
                List<RecordedEvent> got = log.await(id, 1, 100, Duration.ofSeconds(10));
                return new Object[]{got, (System.nanoTime() - start) / 1_000_000};
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        log.append(id, Instant.now(), new SearchEvent.VendorStarted("cemaco", "Cemaco"));

        Object[] result = waiting.get(10, TimeUnit.SECONDS);
        @SuppressWarnings("unchecked")
        List<RecordedEvent> got = (List<RecordedEvent>) result[0];
        assertThat(got).extracting(RecordedEvent::sequence).containsExactly(2L);
        assertThat((long) result[1]).as("ms waited").isBetween(250L, 5_000L);
    }

    @Test
    void waitingAnswersAtOnceWhenEventsAreThereAndEmptyAfterTheTimeout() throws Exception {
        UUID id = UUID.randomUUID();
        log.append(id, Instant.now(), new SearchEvent.Started("tv", 5, List.of("cemaco")));
        log.append(id, Instant.now(), new SearchEvent.VendorStarted("cemaco", "Cemaco"));

        assertThat(log.await(id, 0, 100, Duration.ofSeconds(5))).hasSize(2);
        long start = System.nanoTime();
        assertThat(log.await(id, 2, 100, Duration.ofMillis(300))).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms waited").isBetween(250L, 3_000L);
    }

    @Test
    void aLogIsForgottenOnceNothingWasAppendedForTheRetention() throws Exception {
        SearchEventLog shortLived = newLog(Duration.ofMillis(400));
        UUID id = UUID.randomUUID();
        shortLived.append(id, Instant.now(), new SearchEvent.Started("tv", 5, List.of("cemaco")));
        assertThat(shortLived.exists(id)).isTrue();
        Thread.sleep(250);
        shortLived.append(id, Instant.now(), new SearchEvent.VendorStarted("cemaco", "Cemaco"));
        Thread.sleep(250);
        assertThat(shortLived.exists(id)).as("each append extends the retention").isTrue();

        Thread.sleep(600);
        assertThat(shortLived.exists(id)).isFalse();
        assertThat(shortLived.read(id, 0, 100)).isEmpty();
        assertThat(shortLived.exists(UUID.randomUUID())).isFalse();
    }
}
