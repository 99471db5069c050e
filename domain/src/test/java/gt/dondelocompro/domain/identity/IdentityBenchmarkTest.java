package gt.dondelocompro.domain.identity;

import gt.dondelocompro.domain.Availability;
import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.Offer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmarks, run only with {@code -Pbench}: the matcher's precision, recall and F1 on the labelled pairs,
 * and the time to group 500 offers from 15 stores. They print figures; they assert nothing about targets.
 */
@Tag("bench")
class IdentityBenchmarkTest {

    @Test
    void matcher_precision_recall_and_f1_on_the_labelled_pairs() {
        LabelledPairs.Scores scores = LabelledPairs.score(LabelledPairs.load());
        System.out.printf(Locale.ROOT, "identity pairs: %d  true SAME %d  false SAME %d  missed %d  unsure %d%n",
                scores.pairs(), scores.truePositives(), scores.falsePositives(), scores.falseNegatives(), scores.unsure());
        System.out.printf(Locale.ROOT, "identity precision %.3f  recall %.3f  F1 %.3f%n",
                scores.precision(), scores.recall(), scores.f1());
        scores.mistakes().forEach(m -> System.out.println("  " + m));
    }

    /**
     * Figures measured before evidence extraction was rewritten for speed (commit 57a200e), with this same
     * benchmark on this 2-core machine, for comparison with what it prints now (see the commit messages
     * for the load average at the time).
     */
    private static final String BEFORE = "before (57a200e), this benchmark, 3 runs at load 6.7-9.5: grouping median 16.6 ms"
            + " (CPU 13.9 ms, min 11.6 ms), evidence 28.0 us per offer (CPU 25.4 us)";

    @Test
    void grouping_500_offers_from_15_stores() {
        List<Offer> offers = catalogue(500, 15, new Random(11));
        List<ProductFacts> facts = offers.stream().map(ProductFacts::of).toList();
        // warm up for 3 s, so that the figures are those of compiled code, as in a running service
        long warm = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warm) {
            Identity.forget();
            OfferGroups.of(offers, facts);
        }
        int runs = 101;
        double[] millis = new double[runs];
        double[] evidence = new double[runs];
        double[] cpuMillis = new double[runs];
        double[] cpuEvidence = new double[runs];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int groups = 0;
        Object sink = null;
        for (int i = 0; i < runs; i++) {
            Identity.forget(); // the identities worked out, as for offers the service has not seen yet
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            groups = OfferGroups.of(offers, facts).groups().size();
            millis[i] = (System.nanoTime() - start) / 1e6;
            cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            cpu = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            for (ProductFacts f : facts) {
                sink = Identity.worked(f);
            }
            evidence[i] = (System.nanoTime() - start) / 1e3 / facts.size();
            cpuEvidence[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / facts.size();
        }
        Arrays.sort(millis);
        Arrays.sort(evidence);
        Arrays.sort(cpuMillis);
        Arrays.sort(cpuEvidence);
        System.out.printf(Locale.ROOT,
                "grouping %d offers from 15 stores into %d groups: median %.2f ms, min %.2f, max %.2f over %d runs (%d cores)%n",
                offers.size(), groups, millis[runs / 2], millis[0], millis[runs - 1], runs,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "evidence (Identity.of): median %.2f us per offer, min %.2f%s%n",
                evidence[runs / 2], evidence[0], sink == null ? "" : "");
        // the thread's CPU time: what the work costs when other processes take the cores (a loaded machine)
        System.out.printf(Locale.ROOT, "CPU time: grouping median %.2f ms, min %.2f; evidence median %.2f us per offer%n",
                cpuMillis[runs / 2], cpuMillis[0], cpuEvidence[runs / 2]);
        System.out.println(BEFORE);
        System.out.println("load average: " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Offers of a few dozen products (TVs, phones, blenders) in the title styles of several stores. */
    static List<Offer> catalogue(int count, int stores, Random random) {
        String[] brands = {"Samsung", "LG", "Oster", "Black+Decker", "TCL", "Xiaomi", "HP", "JBL"};
        String[] kinds = {"Televisor %s %d\" 4K %s", "Smart TV %s %d pulgadas UHD %sPXPA", "Licuadora %s %s 1.5L",
                "Celular %s Galaxy A%d 128GB %s", "Vaso de repuesto para licuadora %s %s", "Audífonos %s %s Negro",
                "%s %s Laptop 8GB 512GB", "Control remoto para TV %s %s"};
        List<Offer> offers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String brand = brands[random.nextInt(brands.length)];
            int size = 32 + 10 * random.nextInt(5);
            String model = (char) ('A' + random.nextInt(6)) + "" + (char) ('A' + random.nextInt(26)) + size
                    + (1000 + 100 * random.nextInt(40));
            String kind = kinds[random.nextInt(kinds.length)];
            String name = String.format(Locale.ROOT, kind, brand, kind.contains("%d") ? size : model,
                    kind.contains("%d") ? model : "");
            if (!kind.contains("%d")) {
                name = String.format(Locale.ROOT, kind, brand, model);
            }
            int store = random.nextInt(stores);
            Availability availability = random.nextInt(10) == 0 ? Availability.OUT_OF_STOCK : Availability.IN_STOCK;
            offers.add(new Offer("store" + store, "Store " + store, "p" + i, name, random.nextBoolean() ? brand : null,
                    "https://store" + store + ".example/p" + i, null,
                    Money.gtq(Integer.toString(100 + random.nextInt(5000))), null, availability,
                    new BigDecimal(random.nextInt(101)).movePointLeft(2)));
        }
        return offers;
    }
}
