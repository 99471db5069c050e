package gt.dondelocompro.bootstrap.load;

import gt.dondelocompro.adapters.persistence.PostgresServer;
import gt.dondelocompro.bootstrap.faults.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load benchmark (tag {@code load}, run by {@code -Pload} or {@code scripts/load-benchmark.sh}, never by the
 * default build): the service as a process of its own ({@code Main}, {@code -Xmx512m}) against loopback stores of set
 * latencies and politeness, driven over HTTP only (so it measures whatever the service does inside) by shoppers on
 * virtual threads: {@code POST /search}, then its event stream to {@code completed}. Prints a table of figures, each
 * the median of {@code load.runs} runs; the service's CPU and RSS are read from {@code /proc}, so the clients' and
 * the stores' (in this JVM) are not counted. Settings are system properties (defaults in brackets):
 * {@code load.levels} [1,50,200,1000], {@code load.runs} [3], {@code load.database} [off,on; on needs
 * {@code DLC_TEST_DATABASE_URL} or a local PostgreSQL, a fresh database is created and dropped],
 * {@code load.latenciesMs} [50,150,300,500,800], {@code load.maxConcurrency} [2], {@code load.minDelayMs} [500],
 * {@code load.repeated} [0.3], {@code load.singles} [10], {@code load.identical} [100].
 */
@Tag("load")
class LoadBenchmarkTest {

    private static final List<Integer> LEVELS = ints(System.getProperty("load.levels", "1,50,200,1000"));
    private static final int RUNS = Integer.getInteger("load.runs", 3);
    private static final List<String> DATABASE = List.of(System.getProperty("load.database", "off,on").split(","));
    private static final List<Integer> LATENCIES = ints(System.getProperty("load.latenciesMs", "50,150,300,500,800"));
    private static final int MAX_CONCURRENCY = Integer.getInteger("load.maxConcurrency", 2);
    private static final int MIN_DELAY_MS = Integer.getInteger("load.minDelayMs", 500);
    private static final double REPEATED = Double.parseDouble(System.getProperty("load.repeated", "0.3"));
    private static final int SINGLES = Integer.getInteger("load.singles", 10);
    private static final int IDENTICAL = Integer.getInteger("load.identical", 100);
    private static final int MAX_RESULTS = 10;
    private static final Path LOGS = Path.of("target", "load");

    /** Tells the runs' queries apart, so that no run is answered from another's cache. */
    private static final AtomicLong QUERY_SERIAL = new AtomicLong();

    @Test
    void the_load_table(@TempDir Path dir) throws Exception {
        try (LoopbackStores stores = LoopbackStores.start(LATENCIES.stream().map(Duration::ofMillis).toList(), MAX_RESULTS)) {
            Path storesFile = stores.writeStoresFile(dir, MAX_CONCURRENCY, MIN_DELAY_MS);
            System.out.printf(Locale.ROOT, "[load] %d stores of %s ms, max_concurrency %d, min_delay_ms %d, %d offers each; "
                            + "bursts of N searches started together, %.0f%% of them repeating a query of the burst (level 1: %d "
                            + "searches one after another, min_delay_ms + 100 ms apart, all distinct); median of %d runs; service -Xmx512m; "
                            + "CPU per search: the service's CPU time from the first POST until it is quiet again, less its idle "
                            + "rate, over the searches; %d cores%n",
                    LATENCIES.size(), LATENCIES, MAX_CONCURRENCY, MIN_DELAY_MS, MAX_RESULTS, REPEATED * 100, SINGLES, RUNS,
                    Runtime.getRuntime().availableProcessors());
            Map<String, Map<Integer, Figures>> table = new LinkedHashMap<>();
            Map<String, Map<String, Long>> identical = new LinkedHashMap<>();
            for (String database : DATABASE) {
                Map<String, String> env = new HashMap<>(Map.of("DLC_VENDORS_FILE", storesFile.toString(),
                        "RATE_LIMIT_PER_MINUTE", "100000"));
                String dbUrl = null;
                if (database.equals("on")) {
                    dbUrl = PostgresServer.get().createDatabase("dlc_load");
                    env.put("DATABASE_URL", dbUrl);
                }
                try (ServiceProcess service = ServiceProcess.start(dir, LOGS, "load-db-" + database, List.of("-Xmx512m"), env)) {
                    Bench bench = new Bench(service, stores);
                    bench.warmUp();
                    Map<Integer, Figures> rows = new TreeMap<>();
                    for (int level : LEVELS) {
                        List<Figures> runs = new ArrayList<>();
                        for (int r = 0; r < RUNS; r++) {
                            Figures f = level == 1 ? bench.singles(SINGLES, Duration.ofMillis(MIN_DELAY_MS + 100)) : bench.burst(level, REPEATED, false);
                            System.out.println("[load] database " + database + ", " + level + " concurrent, run " + (r + 1)
                                    + ": " + f);
                            runs.add(f);
                        }
                        rows.put(level, Figures.median(runs));
                    }
                    table.put(database, rows);
                    if (IDENTICAL > 0) {
                        identical.put(database, bench.identical(IDENTICAL));
                    }
                } finally {
                    if (dbUrl != null) {
                        PostgresServer.get().dropDatabase(dbUrl);
                    }
                }
            }
            print(table, identical, stores);
            assertThat(table).isNotEmpty();
        }
    }

    /**
     * CPU per search of issue 13 (item 7): 3 stores of 5, 10 and 15 ms without politeness delays, 10 offers each (30
     * a search), one shopper following each search's stream; {@code load.cpu.searches} [500] a run measured after
     * {@code load.cpu.warmup} [3000] searches that let the JIT compile the hot paths (a service runs for days: its
     * CPU per search is that of compiled code). Prints the CPU by thread too. With {@code -Dload.jfr=FILE} the measured searches are also recorded by Java Flight Recorder (profile
     * settings) and its hottest methods printed.
     */
    @Test
    void cpu_per_search_of_3_stores_and_30_offers(@TempDir Path dir) throws Exception {
        int n = Integer.getInteger("load.cpu.searches", 500);
        int warmup = Integer.getInteger("load.cpu.warmup", 3000);
        String jfr = System.getProperty("load.jfr");
        try (LoopbackStores stores = LoopbackStores.start(List.of(Duration.ofMillis(5), Duration.ofMillis(10),
                Duration.ofMillis(15)), MAX_RESULTS);
             ServiceProcess service = ServiceProcess.start(dir, LOGS, "load-cpu", List.of("-Xmx512m"), Map.of(
                     "DLC_VENDORS_FILE", stores.writeStoresFile(dir, 16, 0).toString(), "RATE_LIMIT_PER_MINUTE", "100000"))) {
            Bench bench = new Bench(service, stores);
            bench.warmUp();
            bench.singles(warmup, Duration.ZERO);
            if (jfr != null) {
                jcmd(service, "JFR.start", "name=load", "settings=profile", "filename=" + Path.of(jfr).toAbsolutePath());
            }
            List<Figures> runs = new ArrayList<>();
            Map<String, Long> threadsBefore = threadCpu(service);
            for (int r = 0; r < RUNS; r++) {
                Figures f = bench.singles(n, Duration.ZERO);
                System.out.println("[load] cpu, run " + (r + 1) + ": " + f);
                runs.add(f);
            }
            Map<String, Long> threadsAfter = threadCpu(service);
            Map<String, Double> perSearch = new TreeMap<>();
            threadsAfter.forEach((name, ticks) -> perSearch.put(name,
                    (ticks - threadsBefore.getOrDefault(name, 0L)) * 10.0 / (n * RUNS)));
            System.out.println("[load] cpu by thread (ms a search): " + perSearch.entrySet().stream()
                    .filter(e -> e.getValue() >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
            if (jfr != null) {
                jcmd(service, "JFR.stop", "name=load");
                Process view = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "view",
                        "--width", "160", "hot-methods", Path.of(jfr).toAbsolutePath().toString()).redirectErrorStream(true).start();
                System.out.println(new String(view.getInputStream().readAllBytes()));
            }
            Figures f = Figures.median(runs);
            System.out.printf(Locale.ROOT, "[load] CPU per search, 3 stores and 30 offers, one shopper, %d searches a run, "
                            + "median of %d runs: %.2f ms (completion − slowest store p50 %.0f ms)%n", n, RUNS, f.cpuMsPerSearch,
                    f.completedP50);
            assertThat(f.errors).isZero();
        }
    }

    /**
     * The service's CPU time by thread name (digits dropped, so "C2 CompilerThread0" and 1 add up), in clock ticks of
     * 10 ms, from {@code /proc/<pid>/task/<tid>/stat}; threads that ended meanwhile are not counted.
     */
    private static Map<String, Long> threadCpu(ServiceProcess service) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(service.process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        }
        return ticks;
    }

    private static void jcmd(ServiceProcess service, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(service.process.pid())));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static void print(Map<String, Map<Integer, Figures>> table, Map<String, Map<String, Long>> identical,
                              LoopbackStores stores) {
        System.out.println("[load] times in ms; first offer − fastest store (" + stores.fastest().toMillis()
                + " ms), completion − slowest store (" + stores.slowest().toMillis() + " ms); requests = store requests per search");
        System.out.println("[load] | db | concurrent | POST p50 | POST p99 | first offer p50 | first offer p95 "
                + "| completion p50 | completion p95 | requests | errors | no offer | CPU ms/search | peak RSS MB |");
        System.out.println("[load] |---|---|---|---|---|---|---|---|---|---|---|---|---|");
        table.forEach((database, rows) -> rows.forEach((level, f) -> System.out.printf(Locale.ROOT,
                "[load] | %s | %,d | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.0f |%n",
                database, level, f.postP50, f.postP99, f.firstP50, f.firstP95, f.completedP50, f.completedP95,
                f.requestsPerSearch, f.errors, f.noOffer, f.cpuMsPerSearch, f.peakRssMb)));
        if (table.containsKey("on") && table.containsKey("off")) {
            table.get("off").forEach((level, off) -> {
                Figures on = table.get("on").get(level);
                System.out.printf(Locale.ROOT, "[load] recording on/off, %d concurrent: completion p95 %.3f (absolute %.0f / %.0f ms)%n",
                        level, (on.completedP95 + stores.slowest().toMillis()) / (off.completedP95 + stores.slowest().toMillis()),
                        on.completedP95 + stores.slowest().toMillis(), off.completedP95 + stores.slowest().toMillis());
            });
        }
        identical.forEach((database, perStore) -> System.out.println("[load] " + IDENTICAL
                + " identical concurrent searches, database " + database + ": store requests " + perStore));
    }

    /** The figures of one run (or the median of several). */
    record Figures(double postP50, double postP99, double firstP50, double firstP95, double completedP50,
                   double completedP95, double requestsPerSearch, double errors, double noOffer, double cpuMsPerSearch,
                   double peakRssMb, Map<String, Long> errorKinds) {

        static Figures median(List<Figures> runs) {
            return new Figures(med(runs, Figures::postP50), med(runs, Figures::postP99), med(runs, Figures::firstP50),
                    med(runs, Figures::firstP95), med(runs, Figures::completedP50), med(runs, Figures::completedP95),
                    med(runs, Figures::requestsPerSearch), med(runs, Figures::errors), med(runs, Figures::noOffer),
                    med(runs, Figures::cpuMsPerSearch), med(runs, Figures::peakRssMb), Map.of());
        }

        private static double med(List<Figures> runs, ToDoubleFunction<Figures> f) {
            double[] v = runs.stream().mapToDouble(f).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "POST p50 %.1f p99 %.1f ms; first offer−fastest p50 %.0f p95 %.0f; "
                            + "completion−slowest p50 %.0f p95 %.0f; %.2f store requests/search; %.0f errors %s; %.0f without offer; "
                            + "CPU %.2f ms/search; peak RSS %.0f MB", postP50, postP99, firstP50, firstP95, completedP50,
                    completedP95, requestsPerSearch, errors, errorKinds, noOffer, cpuMsPerSearch, peakRssMb);
        }
    }

    /** One service under test: runs searches against it and reads its CPU time and RSS. */
    static final class Bench {
        private final ServiceProcess service;
        private final LoopbackStores stores;
        /** The CPU the idle service spends per second (its timers, the health probe), taken off each run's CPU. */
        private double idleCpuPerSecond;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

        Bench(ServiceProcess service, LoopbackStores stores) {
            this.service = service;
            this.stores = stores;
        }

        /** Compiles the service's hot paths before anything is measured: a burst and a few single searches. */
        void warmUp() throws Exception {
            burst(20, 0, false);
            singles(10, Duration.ZERO);
            settle();
            Duration before = cpu();
            Thread.sleep(3_000);
            idleCpuPerSecond = cpu().minus(before).toNanos() / 3e9;
        }

        /** {@code n} searches one after another, {@code pause} apart. */
        Figures singles(int n, Duration pause) throws Exception {
            return measure(n, () -> {
                Shopper shopper = new Shopper(http, service.base());
                List<Shopper.Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        Thread.sleep(pause); // the stores' min_delay_ms is politeness, not the service's work
                    }
                    outcomes.add(shopper.search(uniqueQuery(), MAX_RESULTS));
                }
                return outcomes;
            });
        }

        /** {@code n} searches at once; {@code repeated} of them ask again a query of the burst (one of its first five). */
        Figures burst(int n, double repeated, boolean identical) throws Exception {
            List<String> queries = new ArrayList<>();
            int distinct = identical ? 1 : Math.max(1, n - (int) Math.round(n * repeated));
            for (int i = 0; i < distinct; i++) {
                queries.add(uniqueQuery());
            }
            for (int j = 0; queries.size() < n; j++) {
                queries.add(queries.get(j % Math.min(5, distinct)));
            }
            Collections.shuffle(queries, new Random(n));
            return measure(n, () -> {
                CountDownLatch go = new CountDownLatch(1);
                try (ExecutorService shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<Shopper.Outcome>> futures = new ArrayList<>();
                    for (String q : queries) {
                        futures.add(shoppers.submit(() -> {
                            go.await();
                            return new Shopper(http, service.base()).search(q, MAX_RESULTS);
                        }));
                    }
                    go.countDown();
                    List<Shopper.Outcome> outcomes = new ArrayList<>();
                    for (Future<Shopper.Outcome> f : futures) {
                        outcomes.add(f.get());
                    }
                    return outcomes;
                }
            });
        }

        /** {@code n} searches of one query at once: how many requests each store was sent. */
        Map<String, Long> identical(int n) throws Exception {
            Map<String, Long> before = perStore();
            Figures f = burst(n, 0, true);
            Map<String, Long> after = perStore();
            Map<String, Long> sent = new LinkedHashMap<>();
            after.forEach((id, count) -> sent.put(id, count - before.get(id)));
            System.out.println("[load] " + n + " identical concurrent searches: " + f + "; per store " + sent);
            return sent;
        }

        private Map<String, Long> perStore() {
            Map<String, Long> counts = new LinkedHashMap<>();
            stores.stores.forEach(s -> counts.put(s.id, s.searches.get()));
            return counts;
        }

        interface Searches {
            List<Shopper.Outcome> run() throws Exception;
        }

        private Figures measure(int n, Searches searches) throws Exception {
            settle();
            long requestsBefore = stores.searches();
            Duration cpuBefore = cpu();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong peakRssKb = new AtomicLong(rssKb());
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    peakRssKb.accumulateAndGet(rssKb(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List<Shopper.Outcome> outcomes;
            long start = System.nanoTime();
            try {
                outcomes = searches.run();
                settle(); // the requests still queued at the stores and the recorder's work belong to this run
            } finally {
                running.set(false);
                sampler.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMs = Math.max(0, cpu().minus(cpuBefore).toNanos() / 1e6 - idleCpuPerSecond * seconds * 1000);
            long requests = stores.searches() - requestsBefore;
            double fastest = stores.fastest().toMillis();
            double slowest = stores.slowest().toMillis();
            Map<String, Long> errorKinds = outcomes.stream().filter(o -> o.error() != null)
                    .collect(Collectors.groupingBy(Shopper.Outcome::error, TreeMap::new, Collectors.counting()));
            List<Shopper.Outcome> completed = outcomes.stream().filter(o -> o.error() == null).toList();
            return new Figures(
                    percentile(outcomes.stream().mapToDouble(Shopper.Outcome::postMs).toArray(), 0.50),
                    percentile(outcomes.stream().mapToDouble(Shopper.Outcome::postMs).toArray(), 0.99),
                    percentile(completed.stream().filter(o -> o.firstOfferMs() >= 0).mapToDouble(o -> o.firstOfferMs() - fastest).toArray(), 0.50),
                    percentile(completed.stream().filter(o -> o.firstOfferMs() >= 0).mapToDouble(o -> o.firstOfferMs() - fastest).toArray(), 0.95),
                    percentile(completed.stream().mapToDouble(o -> o.completedMs() - slowest).toArray(), 0.50),
                    percentile(completed.stream().mapToDouble(o -> o.completedMs() - slowest).toArray(), 0.95),
                    (double) requests / n,
                    outcomes.size() - completed.size(),
                    completed.stream().filter(o -> o.offers() == 0).count(),
                    cpuMs / n,
                    peakRssKb.get() / 1024.0,
                    errorKinds);
        }

        /**
         * Waits until no store is answering, no store request arrived for a second and the service's CPU is quiet
         * (under 20 ms in 500 ms: its background work, such as recording, is done), 60 s at most.
         */
        private void settle() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long lastRequests = -1;
            while (System.nanoTime() < deadline) {
                long requests = stores.searches();
                Duration cpu = cpu();
                Thread.sleep(500);
                Duration burned = cpu().minus(cpu);
                if (stores.answering() == 0 && requests == lastRequests && requests == stores.searches()
                        && burned.toMillis() < 20) {
                    return;
                }
                lastRequests = requests;
            }
        }

        private Duration cpu() {
            return service.process.info().totalCpuDuration().orElseThrow();
        }

        private long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(service.process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process exited
            }
            return 0;
        }
    }

    /** A query no earlier search of this benchmark asked: a product word and a made-up word. */
    static String uniqueQuery() {
        long n = QUERY_SERIAL.incrementAndGet() + 26L * 26 * 26;
        StringBuilder word = new StringBuilder();
        for (; n > 0; n /= 26) {
            word.append((char) ('a' + n % 26));
        }
        return "licuadora " + word;
    }

    /** Nearest rank; NaN when there are none. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }
}
