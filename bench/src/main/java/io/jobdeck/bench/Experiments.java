package io.jobdeck.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quartz.ListenerManager;
import org.quartz.SchedulerListener;
import org.quartz.simpl.SimpleJobFactory;

/**
 * Not part of the normal run: where does the app's throughput go? {@code BENCH_TP_SIDE=variants bench/run} runs the
 * app with parts of it switched off, interleaved with bare Quartz rounds, and prints each variant's median.
 * Choose variants with {@code BENCH_VARIANTS=jobdeck,bare,...}.
 */
final class Experiments {

    /** Quartz's in-JVM lock instead of the row lock that Spring's JobStoreCMT-based store takes in the DB. */
    static final String MEMORY_LOCKS =
            "--spring.quartz.properties.org.quartz.jobStore.lockHandler.class=org.quartz.impl.jdbcjobstore.SimpleSemaphore";

    private Experiments() {}

    static List<String> variants(ThroughputBench.Config cfg, int rounds) throws Exception {
        List<String> names = List.of(
                Knobs.str("bench.variants", "jobdeck,jobdeck-simplefactory,jobdeck-nolisteners,jobdeck-neither,bare")
                        .split(","));
        ThroughputBench.Config warm = new ThroughputBench.Config(
                cfg.workerThreads(), cfg.jobs(), cfg.intervalMs(), 0, Knobs.integer("bench.tp.jitWarmupMs", 5000));
        BenchMain.log(
                "warm-up (not counted): jobdeck %.0f, bare %.0f fires/s",
                ThroughputBench.jobdeckRound(warm).firesPerSecond(),
                ThroughputBench.bareRound(warm).firesPerSecond());
        Map<String, double[]> results = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, double[]> sched = new LinkedHashMap<>();
        Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        Map<String, Long> fires = new LinkedHashMap<>();
        names.forEach(n -> {
            results.put(n, new double[rounds]);
            cpu.put(n, new double[rounds]);
            sched.put(n, new double[rounds]);
            groups.put(n, new java.util.TreeMap<>());
            fires.put(n, 0L);
        });
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + r) % names.size()); // rotate the order every round
                System.gc();
                ThroughputBench.Round round = run(name, cfg);
                results.get(name)[r] = round.firesPerSecond();
                cpu.get(name)[r] = round.cpuMicrosPerFire();
                sched.get(name)[r] = round.schedulerThreadMicrosPerFire();
                round.cpuNanos().forEach((g, n) -> groups.get(name).merge(g, n, Long::sum));
                fires.merge(name, round.fires(), Long::sum);
                BenchMain.log(
                        "round %d %-24s %6.0f fires/s, CPU/fire %.0f us (scheduler thread %.0f us)"
                                + " (other processes: %.2f cores)",
                        r + 1,
                        name,
                        round.firesPerSecond(),
                        round.cpuMicrosPerFire(),
                        round.schedulerThreadMicrosPerFire(),
                        round.othersCores());
            }
        }
        double bare = results.containsKey("bare") ? median(results.get("bare")) : Double.NaN;
        List<String> out = new java.util.ArrayList<>();
        for (String n : names) {
            out.add(String.format(
                    Locale.ROOT,
                    "variant %-24s median %6.0f fires/s (x%.2f of bare) rounds %s; CPU/fire %.1f us,"
                            + " scheduler thread %.1f us/fire",
                    n,
                    median(results.get(n)),
                    median(results.get(n)) / bare,
                    Arrays.toString(
                            Arrays.stream(results.get(n)).mapToLong(Math::round).toArray()),
                    median(cpu.get(n)),
                    median(sched.get(n))));
        }
        for (String n : names) {
            long f = Math.max(1, fires.get(n));
            StringBuilder b = new StringBuilder("  CPU us/fire by thread, " + n + ":");
            groups.get(n).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(e -> e.getValue() / 1e3 / f >= 0.05)
                    .forEach(e -> b.append(String.format(Locale.ROOT, " %s=%.2f", e.getKey(), e.getValue() / 1e3 / f)));
            out.add(b.toString());
        }
        return out;
    }

    private static ThroughputBench.Round run(String name, ThroughputBench.Config cfg) throws Exception {
        return switch (name) {
            case "bare" -> ThroughputBench.bareRound(cfg, false);
            case "bare-dblocks" -> ThroughputBench.bareRound(cfg, true);
            // Bare Quartz with the indexes Jobdeck gives Quartz's tables on H2: all of V6 (before V11 dropped the ones
            // no query needs), and the app's schema today (V6 and V11).
            case "bare-indexes" -> ThroughputBench.bareRound(cfg, false, "6");
            case "bare-appschema" -> ThroughputBench.bareRound(cfg, false, "11");
            case "jobdeck-memlocks" -> ThroughputBench.jobdeckRound(cfg, app -> {}, MEMORY_LOCKS);
            case "jobdeck-memlocks-neither" ->
                ThroughputBench.jobdeckRound(
                        cfg,
                        app -> {
                            simpleJobFactory(app);
                            noListeners(app);
                        },
                        MEMORY_LOCKS);
            case "jobdeck" -> ThroughputBench.jobdeckRound(cfg);
            case "jobdeck-simplefactory" -> ThroughputBench.jobdeckRound(cfg, Experiments::simpleJobFactory);
            case "jobdeck-nolisteners" -> ThroughputBench.jobdeckRound(cfg, Experiments::noListeners);
            case "jobdeck-neither" ->
                ThroughputBench.jobdeckRound(cfg, app -> {
                    simpleJobFactory(app);
                    noListeners(app);
                });
            case "jobdeck-nometrics" ->
                ThroughputBench.jobdeckRound(cfg, app -> {}, "--management.metrics.enable.hikaricp=false");
            default -> throw new IllegalArgumentException("unknown variant " + name);
        };
    }

    /** Quartz's plain job factory instead of Spring's SpringBeanJobFactory (which runs createBean per fire). */
    private static void simpleJobFactory(JobdeckApp app) throws Exception {
        app.scheduler.setJobFactory(new SimpleJobFactory());
    }

    /** Jobdeck's global listeners off: no events reach the hub. */
    private static void noListeners(JobdeckApp app) throws Exception {
        ListenerManager lm = app.scheduler.getListenerManager();
        lm.removeJobListener("jobdeck-events");
        lm.removeTriggerListener("jobdeck-events");
        for (SchedulerListener l : List.copyOf(lm.getSchedulerListeners())) {
            lm.removeSchedulerListener(l);
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
