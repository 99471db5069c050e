package gt.dondelocompro.application.contract;

import gt.dondelocompro.application.port.out.FetchTask;
import gt.dondelocompro.application.port.out.FetchTasks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of every {@link FetchTasks}: each task to one worker at a time, again to another once the first let
 * the visibility timeout pass, never after its deadline. Two queues on one namespace are two instances.
 */
public abstract class FetchTasksContract {

    /** A queue in {@code namespace} whose unacknowledged tasks are given again after {@code visibilityTimeout}. */
    protected abstract FetchTasks newTasks(String namespace, Duration visibilityTimeout);

    private final String namespace = "tasks-" + UUID.randomUUID();

    private static FetchTask task(String vendor, Duration left) {
        return new FetchTask(UUID.randomUUID(), vendor, "licuadora oster", 10, Instant.now().plus(left));
    }

    @Test
    void aTaskGoesToOneWorkerAndAnAcknowledgedOneNeverComesBack() throws Exception {
        FetchTasks a = newTasks(namespace, Duration.ofSeconds(30));
        FetchTasks b = newTasks(namespace, Duration.ofSeconds(30));
        FetchTask task = task("cemaco", Duration.ofSeconds(30));
        a.add(task);

        FetchTasks.Taken taken = b.take("worker-b", Duration.ofSeconds(5)).orElseThrow();
        assertThat(taken.task()).isEqualTo(task);
        assertThat(taken.deliveries()).isEqualTo(1);
        assertThat(a.take("worker-a", Duration.ofMillis(300))).isEmpty();
        b.ack(taken);
        assertThat(a.take("worker-a", Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aWaitingWorkerGetsANewTaskAsSoonAsItIsAdded() throws Exception {
        FetchTasks tasks = newTasks(namespace, Duration.ofSeconds(30));
        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return tasks.take("worker-a", Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        long added = System.nanoTime();
        FetchTask task = task("elektra", Duration.ofSeconds(30));
        newTasks(namespace, Duration.ofSeconds(30)).add(task);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).map(FetchTasks.Taken::task).contains(task);
        assertThat((System.nanoTime() - added) / 1_000_000).as("ms from add to take").isLessThan(2_000);
    }

    @Test
    void aTaskWhoseWorkerDiedIsTakenByAnotherAfterTheVisibilityTimeout() throws Exception {
        FetchTasks dying = newTasks(namespace, Duration.ofMillis(500));
        FetchTasks survivor = newTasks(namespace, Duration.ofMillis(500));
        FetchTask task = task("curacao", Duration.ofSeconds(30));
        dying.add(task);
        assertThat(dying.take("worker-dies", Duration.ofSeconds(5))).isPresent();

        long start = System.nanoTime();
        Optional<FetchTasks.Taken> again = survivor.take("worker-survives", Duration.ofSeconds(5));
        long waited = (System.nanoTime() - start) / 1_000_000;

        assertThat(again).isPresent();
        assertThat(again.get().task()).isEqualTo(task);
        assertThat(again.get().deliveries()).isEqualTo(2);
        assertThat(waited).as("ms until the task was claimed").isBetween(300L, 4_000L);
        survivor.ack(again.get());
        assertThat(survivor.take("worker-survives", Duration.ofMillis(800))).isEmpty();
    }

    @Test
    void aWorkerThatKeepsItsTaskKeepsItPastTheVisibilityTimeout() throws Exception {
        FetchTasks slow = newTasks(namespace, Duration.ofMillis(1_000));
        FetchTasks other = newTasks(namespace, Duration.ofMillis(1_000));
        FetchTask task = task("pacifiko", Duration.ofSeconds(30));
        slow.add(task);
        FetchTasks.Taken taken = slow.take("worker-slow", Duration.ofSeconds(5)).orElseThrow();
        assertThat(taken.worker()).isEqualTo("worker-slow");

        for (int i = 0; i < 8; i++) { // 2 s, two visibility timeouts, kept every quarter of one
            Thread.sleep(250);
            slow.keep(taken);
        }
        assertThat(other.take("worker-other", Duration.ofMillis(300))).as("a kept task is not given to another").isEmpty();

        Thread.sleep(1_500); // no longer kept: the other worker gets it, and the first one's keep does not take it back
        FetchTasks.Taken again = other.take("worker-other", Duration.ofSeconds(5)).orElseThrow();
        assertThat(again.task()).isEqualTo(task);
        slow.keep(taken);
        Thread.sleep(1_500);
        assertThat(slow.take("worker-slow", Duration.ofMillis(100)))
                .as("the second worker's task, not kept by it, comes back; the first one's keep did not renew it")
                .map(FetchTasks.Taken::task).contains(task);
    }

    @Test
    void aTaskPastItsDeadlineIsDroppedNotRunLate() throws Exception {
        FetchTasks tasks = newTasks(namespace, Duration.ofSeconds(30));
        long droppedBefore = tasks.dropped();
        tasks.add(task("late", Duration.ofMillis(100)));
        FetchTask onTime = task("on-time", Duration.ofSeconds(30));
        Thread.sleep(250);
        tasks.add(onTime);

        assertThat(tasks.take("worker-a", Duration.ofSeconds(5))).map(FetchTasks.Taken::task).contains(onTime);
        assertThat(tasks.take("worker-a", Duration.ofMillis(300))).isEmpty();
        assertThat(tasks.dropped() - droppedBefore).isEqualTo(1);
    }

    @Test
    void manyTasksAmongThreeWorkersEachRunsOnce() throws Exception {
        List<FetchTasks> workers = List.of(newTasks(namespace, Duration.ofSeconds(30)), newTasks(namespace, Duration.ofSeconds(30)),
                newTasks(namespace, Duration.ofSeconds(30)));
        List<FetchTask> added = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            FetchTask t = task("store-" + i, Duration.ofSeconds(30));
            added.add(t);
            workers.get(i % 3).add(t);
        }
        List<CompletableFuture<List<FetchTask>>> runs = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            FetchTasks tasks = workers.get(w);
            String name = "worker-" + w;
            runs.add(CompletableFuture.supplyAsync(() -> {
                List<FetchTask> ran = new ArrayList<>();
                try {
                    for (Optional<FetchTasks.Taken> t = tasks.take(name, Duration.ofMillis(500)); t.isPresent();
                         t = tasks.take(name, Duration.ofMillis(500))) {
                        ran.add(t.get().task());
                        tasks.ack(t.get());
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return ran;
            }));
        }
        List<FetchTask> ran = new ArrayList<>();
        for (var r : runs) {
            ran.addAll(r.get(30, TimeUnit.SECONDS));
        }
        assertThat(ran).containsExactlyInAnyOrderElementsOf(added);
    }
}
