package gt.dondelocompro.application.service;

import gt.dondelocompro.application.DondeLoCompro;
import gt.dondelocompro.application.memory.InMemoryFetchTasks;
import gt.dondelocompro.application.memory.InMemoryRunningSearches;
import gt.dondelocompro.application.memory.InMemorySearchEventLog;
import gt.dondelocompro.application.memory.InMemorySearchLeases;
import gt.dondelocompro.application.memory.InMemoryStoreOutcomes;
import gt.dondelocompro.application.port.in.StartSearchCommand;
import gt.dondelocompro.application.port.out.FetchTasks;
import gt.dondelocompro.application.testing.ScriptedStore;
import gt.dondelocompro.application.testing.SearchFixtures;
import gt.dondelocompro.domain.FailureKind;
import gt.dondelocompro.domain.SearchSnapshot;
import gt.dondelocompro.domain.VendorOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store fetches as shared tasks, with the in-memory adapters standing for Redis (one object shared by the "instances"
 * of this test): the instance that takes a search asks no store itself, another instance's worker runs each store's
 * task and hands the answer back; a task whose worker died is run by another after the visibility timeout; with no
 * worker anywhere the stores time out at the deadline, and the search still completes.
 */
class SharedFetchTasksTest {

    private static final Duration VISIBILITY = Duration.ofMillis(1_000);
    private final Clock clock = Clock.systemUTC();
    private final SharedSearches shared = new SharedSearches(new InMemorySearchEventLog(Duration.ofMinutes(5), clock),
            new InMemoryRunningSearches(clock), new InMemorySearchLeases(), new InMemoryFetchTasks(VISIBILITY, clock),
            new InMemoryStoreOutcomes(Duration.ofMinutes(5), clock));
    private final List<DondeLoCompro> instances = new ArrayList<>();

    @AfterEach
    void close() {
        instances.forEach(i -> i.close(Duration.ofSeconds(2)));
    }

    private DondeLoCompro instance(boolean worker, Duration deadline, ScriptedStore... stores) {
        DondeLoCompro.Builder b = DondeLoCompro.builder().stores(List.of(stores)).sharedSearches(shared)
                .settings(SearchSettings.defaults().withStoreTimeout(deadline).withSearchDeadline(deadline));
        if (worker) {
            b.fetchWorker("worker-" + UUID.randomUUID(), 16, VISIBILITY.dividedBy(3));
        }
        DondeLoCompro core = b.build();
        instances.add(core);
        return core;
    }

    private static SearchSnapshot finished(DondeLoCompro core, UUID id, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            SearchSnapshot s = core.getSearch().getSearch(id).orElseThrow();
            if (s.isFinished()) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("search " + id + " did not finish within " + limit);
    }

    private static Map<String, VendorOutcome> byStore(SearchSnapshot s) {
        return s.outcomes().stream().collect(Collectors.toMap(VendorOutcome::vendorId, Function.identity()));
    }

    private static UUID search(DondeLoCompro core, String query) {
        return core.startSearch().startSearch(StartSearchCommand.of(query, 10, false)).searchId();
    }

    @Test
    void anApiInstanceAsksNoStoreItselfAndAWorkerElsewhereAnswersForIt() throws Exception {
        ScriptedStore apiCemaco = ScriptedStore.answering(SearchFixtures.CEMACO,
                SearchFixtures.offer(SearchFixtures.CEMACO, "1", "Licuadora Oster", "499.00"));
        ScriptedStore apiElektra = ScriptedStore.failing(SearchFixtures.ELEKTRA, FailureKind.BLOCKED, "403 here");
        ScriptedStore workerCemaco = ScriptedStore.answering(SearchFixtures.CEMACO,
                SearchFixtures.offer(SearchFixtures.CEMACO, "1", "Licuadora Oster", "499.00"));
        ScriptedStore workerElektra = ScriptedStore.failing(SearchFixtures.ELEKTRA, FailureKind.BLOCKED, "403 on the worker");
        DondeLoCompro api = instance(false, Duration.ofSeconds(5), apiCemaco, apiElektra);
        instance(true, Duration.ofSeconds(5), workerCemaco, workerElektra);

        SearchSnapshot done = finished(api, search(api, "licuadora oster"), Duration.ofSeconds(5));

        assertThat(apiCemaco.calls() + apiElektra.calls()).as("stores asked by the api instance").isZero();
        assertThat(workerCemaco.calls()).isEqualTo(1);
        assertThat(workerElektra.calls()).isEqualTo(1);
        Map<String, VendorOutcome> outcomes = byStore(done);
        assertThat(outcomes.get("cemaco").status()).isEqualTo(VendorOutcome.Status.COMPLETED);
        assertThat(done.offers()).extracting(o -> o.name()).containsExactly("Licuadora Oster");
        assertThat(done.offers().getFirst().relevance()).as("scored for the query by the search's instance").isPositive();
        assertThat(outcomes.get("elektra").error()).isEqualTo("403 on the worker");
        assertThat(outcomes.get("elektra").kind()).isEqualTo(FailureKind.BLOCKED);
    }

    @Test
    void aTaskWhoseWorkerDiedIsRunByAnotherAndTheSearchGetsItsAnswer() throws Exception {
        DondeLoCompro api = instance(false, Duration.ofSeconds(6),
                ScriptedStore.answering(SearchFixtures.CEMACO), ScriptedStore.answering(SearchFixtures.CURACAO));
        UUID id = search(api, "olla arrocera");
        // a worker takes one task and dies with it: never keeps it, delivers nothing, acknowledges nothing
        FetchTasks.Taken lost = shared.tasks().take("worker-that-dies", Duration.ofSeconds(2)).orElseThrow();
        ScriptedStore cemaco = ScriptedStore.answering(SearchFixtures.CEMACO,
                SearchFixtures.offer(SearchFixtures.CEMACO, "7", "Olla arrocera Oster", "299.00"));
        ScriptedStore curacao = ScriptedStore.answering(SearchFixtures.CURACAO,
                SearchFixtures.offer(SearchFixtures.CURACAO, "8", "Olla arrocera Oster 10 tazas", "319.00"));
        long started = System.nanoTime();
        DondeLoCompro survivor = instance(true, Duration.ofSeconds(6), cemaco, curacao);

        SearchSnapshot done = finished(api, id, Duration.ofSeconds(6));
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(done.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(VendorOutcome.Status.COMPLETED));
        assertThat(done.offers()).hasSize(2);
        // a worker counts a task once it acknowledged it, which may come just after the search used its answer
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (survivor.fetchTasksRun() < 2 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(survivor.fetchTasksRun()).isEqualTo(2);
        ScriptedStore rerun = lost.task().vendorId().equals("cemaco") ? cemaco : curacao;
        assertThat(rerun.calls()).as("the dead worker's task, run once more").isEqualTo(1);
        assertThat(tookMs).as("ms until the lost task was answered: after its visibility timeout").isGreaterThanOrEqualTo(800);
    }

    @Test
    void withNoWorkerAnywhereTheStoresTimeOutAtTheDeadlineAndTheSearchCompletes() throws Exception {
        ScriptedStore cemaco = ScriptedStore.answering(SearchFixtures.CEMACO);
        DondeLoCompro api = instance(false, Duration.ofMillis(800), cemaco);

        SearchSnapshot done = finished(api, search(api, "licuadora"), Duration.ofSeconds(5));

        assertThat(done.status().name()).isEqualTo("COMPLETED");
        assertThat(byStore(done).get("cemaco").kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(byStore(done).get("cemaco").error()).isEqualTo("no answer within 800 ms");
        assertThat(cemaco.calls()).isZero();
        assertThat(shared.tasks().take("late-worker", Duration.ofMillis(200))).as("the task past its deadline is dropped").isEmpty();
        assertThat(shared.tasks().dropped()).isEqualTo(1);
    }

    @Test
    void aWorkerKeepsAStoreSlowerThanTheVisibilityTimeoutToItself() throws Exception {
        ScriptedStore.Script slowly = (q, max) -> {
            Thread.sleep(VISIBILITY.multipliedBy(3).toMillis());
            return gt.dondelocompro.application.port.out.StoreResult.Offers.of(List.of());
        };
        ScriptedStore here = new ScriptedStore(SearchFixtures.CEMACO, slowly);
        ScriptedStore there = new ScriptedStore(SearchFixtures.CEMACO, slowly);
        DondeLoCompro api = instance(true, Duration.ofSeconds(8), here);
        instance(true, Duration.ofSeconds(8), there);

        SearchSnapshot done = finished(api, search(api, "licuadora"), Duration.ofSeconds(8));

        assertThat(byStore(done).get("cemaco").status()).isEqualTo(VendorOutcome.Status.COMPLETED);
        assertThat(here.calls() + there.calls()).as("the store asked once, by whichever worker took the task").isEqualTo(1);
    }
}
