package io.jobdeck.bench;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Jobdeck's benchmarks; run them with {@code bench/run}. Prints progress lines starting with {@code #}, then the
 * result lines. Knobs (for experiments only; the defaults are what the numbers are quoted for) are read below through
 * {@link Knobs}: {@code bench.only=click} as a system property, or {@code BENCH_ONLY=click bench/run}. Useful ones:
 * {@code BENCH_ONLY=click|browser|throughput|joblist|api|recorder|cluster-events|dashload|import|history|cluster} (dashload, import,
 * history and cluster run only when asked for by name; {@code BENCH_IMPORT_JOBS=10000} sets the import's size),
 * {@code BENCH_CLUSTER_SIZES=1,2,3}, {@code BENCH_CLUSTER_ROUNDS=3} and {@code BENCH_CLUSTER_MEASUREMS=20000} (the
 * cluster throughput benchmark's node counts, rounds per side and size, and measured window),
 * {@code BENCH_RECORDER_SECONDS=60} and {@code BENCH_RECORDER_RATE=1000} (the recorder benchmark's window and offered
 * fires a second), {@code BENCH_HISTORY_ROWS=10000000} and {@code BENCH_HISTORY_DATABASES=h2,postgresql} (the history
 * benchmark's size and databases),
 * {@code BENCH_API_PATH=/api/v1/scheduler} (the endpoint the API benchmark asks),
 * {@code BENCH_CLUSTEREVENTS_RATES=10,500} and {@code BENCH_CLUSTEREVENTS_SECONDS=20} (the cross-node event latency
 * benchmark's fire rates and measured window per rate),
 * {@code BENCH_DASHLOAD_WORKERS=10} (the dashboard load benchmark's Quartz workers, and so triggers per acquisition;
 * 50 by default),
 * {@code BENCH_BROWSER_DASHBOARDS=1,20} and
 * {@code BENCH_BROWSER_CLICKS=20} (a smoke run of the browser benchmark), {@code BENCH_BROWSER_OPENBUDGETS=600} and
 * {@code BENCH_BROWSER_CLICKBUDGETS=600} (seconds per configuration; a slow machine stops earlier, with fewer clicks),
 * {@code BENCH_BROWSER_VAADINMODE=development}, {@code BENCH_TP_SIDE=variants} (where the throughput goes, see
 * {@link Experiments}), {@code BENCH_APP_ARGS="--some.property=value"} (try a configuration change on the app).
 */
public final class BenchMain {

    /**
     * Tomcat logs through java.util.logging: INFO lines for each start and stop. Held here because JUL keeps only weak
     * references to its loggers, and a collected one forgets its level.
     */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    private BenchMain() {}

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            System.out.flush();
            System.err.println("bench: failed");
            e.printStackTrace();
            System.exit(1); // whatever is left running must not keep the JVM alive
        }
    }

    private static void run() throws Exception {
        quietLogging();
        long began = System.nanoTime();
        String only = Knobs.str("bench.only", "all");
        log(
                "JVM %s, %d cores, max heap %d MB",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        String appArgs = Knobs.str("bench.app.args", "");
        if (!appArgs.isEmpty()) {
            log("extra app arguments: %s", appArgs);
        }

        List<String> results = new ArrayList<>();
        if (only.equals("all") || only.equals("click")) {
            results.addAll(clickBenchmark());
        }
        if (only.equals("all") || only.equals("throughput")) {
            results.addAll(throughputBenchmark());
        }
        if (only.equals("all") || only.equals("joblist")) {
            results.addAll(jobListBenchmark());
        }
        if (only.equals("import")) { // on demand only: jobs as code at 10,000 jobs
            results.addAll(importBenchmark());
        }
        if (only.equals("all") || only.equals("api")) {
            results.addAll(apiBenchmark());
        }
        if (only.equals("all") || only.equals("recorder")) {
            results.addAll(recorderBenchmark());
        }
        if (only.equals("all") || only.equals("cluster-events")) {
            results.addAll(clusterEventsBenchmark());
        }
        if (only.equals("history")) { // on demand only: seeding 10 million executions twice takes a while
            results.addAll(historyBenchmark());
        }
        if (only.equals("cluster")) { // on demand only: 1, 2 and 3 nodes on PostgreSQL against bare clustered Quartz
            results.addAll(clusterThroughputBenchmark());
        }
        if (only.equals("dashload")) { // on demand only: about 6 minutes, most of it seeding and waiting
            results.addAll(dashboardLoadBenchmark());
        }
        // Last: a hundred browser pages leave the machine busy for a while after they are closed.
        if (only.equals("all") || only.equals("browser")) {
            results.addAll(browserBenchmark());
        }

        double seconds = (System.nanoTime() - began) / 1e9;
        log("total %.0f s", seconds);
        System.out.println();
        results.forEach(System.out::println);
        System.out.println(String.format(Locale.ROOT, "bench JVM wall time %.0f s", seconds));
        System.out.flush();
        Exit.checkThreads();
    }

    /** The click benchmarks' load and server-side click pattern. */
    private static ClickBench.Config clickConfig(int warmupClicks, int clicks) {
        return new ClickBench.Config(
                intProp("bench.click.workers", 10),
                intProp("bench.click.longJobs", 9),
                intProp("bench.click.shortTriggers", 20),
                intProp("bench.click.shortIntervalMs", 20),
                warmupClicks,
                clicks,
                intProp("bench.click.baselineClicks", 100),
                intProp("bench.click.gapAfterStopMs", 1),
                intProp("bench.click.gapAfterStartMs", 5),
                intProp("bench.click.loadWarmupMs", 3000));
    }

    private static List<String> clickBenchmark() throws Exception {
        ClickBench.Config cfg =
                clickConfig(intProp("bench.click.warmupClicks", 1500), intProp("bench.click.clicks", 1500));
        log("click benchmark: %s", cfg.describe());
        long t = System.nanoTime();
        ClickBench.Result r = ClickBench.run(cfg);
        log("click benchmark took %.0f s", (System.nanoTime() - t) / 1e9);

        Stats click = Stats.of(r.clickNanos());
        Stats base = Stats.of(r.baselineNanos());
        int pool = cfg.workerThreads();
        List<String> out = new ArrayList<>();
        out.add(String.format(
                Locale.ROOT,
                "click %s under load: fires=%.0f/s busy=%.1f/%d",
                click.line(),
                r.load().firesPerSecond(),
                r.load().busyThreads(),
                pool));
        out.add(String.format(
                Locale.ROOT,
                "  jobdeck stop %s; start %s; applied (submit -> stage complete) %s;"
                        + " failed commands=%d; measured window %.1f s; other processes used %.2f cores",
                Stats.of(r.stopNanos()).line(),
                Stats.of(r.startNanos()).line(),
                Stats.of(r.appliedNanos()).line(),
                r.failures(),
                r.load().seconds(),
                r.othersCores()));
        out.add("  load: " + cfg.describe());
        out.add(String.format(
                Locale.ROOT,
                "baseline click %s during: fires=%.0f/s busy=%.1f/%d",
                base.line(),
                r.baselineLoad().firesPerSecond(),
                r.baselineLoad().busyThreads(),
                pool));
        out.add(String.format(
                Locale.ROOT,
                "  baseline stop (standby + drain) %s; start %s",
                Stats.of(r.baselineStopNanos()).line(),
                Stats.of(r.baselineStartNanos()).line()));
        out.add("  baseline: same app, same load, Quartz called on the clicking thread: start() / standby() then wait"
                + " until getCurrentlyExecutingJobs() is empty; after each start, untimed, the long jobs take their"
                + " threads again");
        double ratio = base.p99Ms() / click.p99Ms();
        boolean pass = click.p99Ms() < 20 && ratio >= 100;
        out.add(String.format(
                Locale.ROOT,
                "click p99 ratio baseline/jobdeck = %.0fx (goal >= 100x, p99 goal < 20 ms): %s",
                ratio,
                pass ? "PASS" : "FAIL"));
        return out;
    }

    private static List<String> clusterThroughputBenchmark() throws Exception {
        ClusterThroughputBench.Config cfg = new ClusterThroughputBench.Config(
                intProp("bench.cluster.workers", 10),
                intProp("bench.cluster.jobs", 100),
                intProp("bench.cluster.intervalMs", 10),
                intProp("bench.cluster.warmupMs", 5000),
                intProp("bench.cluster.measureMs", 20000),
                intProp("bench.cluster.rounds", 3),
                Arrays.stream(Knobs.str("bench.cluster.sizes", "1,2,3").split(","))
                        .mapToInt(size -> Integer.parseInt(size.strip()))
                        .toArray());
        long t = System.nanoTime();
        List<String> lines = ClusterThroughputBench.run(cfg);
        log("cluster throughput benchmark took %.0f s", (System.nanoTime() - t) / 1e9);
        return lines;
    }

    private static List<String> importBenchmark() throws Exception {
        ImportBench.Result r = ImportBench.run(intProp("bench.import.jobs", 10_000));
        return List.of(
                String.format(
                        Locale.ROOT,
                        "jobs as code, %,d HTTP jobs (%,d characters of YAML) into an empty H2 store: dry run %,d ms,"
                                + " import %,d ms (one transaction)",
                        r.jobs(),
                        r.bytes(),
                        r.dryRunEmptyMs(),
                        r.importMs()),
                String.format(
                        Locale.ROOT,
                        "jobs as code, %,d jobs: dry run over the imported store (all unchanged) %,d ms; import with"
                                + " the last job invalid refused in %,d ms, store unchanged: %s; export %,d ms",
                        r.jobs(),
                        r.dryRunFullMs(),
                        r.refusedMs(),
                        r.unchanged() ? "yes" : "NO",
                        r.exportMs()));
    }

    private static List<String> apiBenchmark() throws Exception {
        ApiTokenBench.Config cfg = new ApiTokenBench.Config(
                intProp("bench.api.clients", 50),
                intProp("bench.api.requests", 1_000),
                intProp("bench.api.warmup", 100),
                Knobs.str("bench.api.path", "/api/v1/scheduler"));
        log("API benchmark: %s", cfg);
        long t = System.nanoTime();
        ApiTokenBench.Result r = ApiTokenBench.run(cfg);
        log("API benchmark took %.0f s", (System.nanoTime() - t) / 1e9);
        return ApiTokenBench.lines(cfg, r);
    }

    private static List<String> recorderBenchmark() throws Exception {
        RecorderBench.Config cfg = new RecorderBench.Config(
                intProp("bench.recorder.rate", 1_000),
                intProp("bench.recorder.seconds", 60),
                intProp("bench.recorder.workers", 10),
                intProp("bench.recorder.jobs", 100));
        log("recorder benchmark: %s", cfg.describe());
        long t = System.nanoTime();
        RecorderBench.Result r = RecorderBench.run(cfg);
        log("recorder benchmark took %.0f s", (System.nanoTime() - t) / 1e9);
        return RecorderBench.lines(cfg, r);
    }

    private static List<String> clusterEventsBenchmark() throws Exception {
        ClusterEventsBench.Config cfg = new ClusterEventsBench.Config(
                java.util.Arrays.stream(
                                Knobs.str("bench.clusterevents.rates", "10,500").split(","))
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList(),
                intProp("bench.clusterevents.seconds", 20),
                intProp("bench.clusterevents.warmup", 5),
                intProp("bench.clusterevents.workers", 10));
        log("cluster events benchmark: %s", cfg.describe());
        long t = System.nanoTime();
        List<ClusterEventsBench.Result> results = ClusterEventsBench.run(cfg);
        log("cluster events benchmark took %.0f s", (System.nanoTime() - t) / 1e9);
        return ClusterEventsBench.lines(cfg, results);
    }

    private static List<String> historyBenchmark() throws Exception {
        HistoryBench.Config cfg = new HistoryBench.Config(
                Knobs.longValue("bench.history.rows", 10_000_000),
                intProp("bench.history.chunk", 100_000),
                intProp("bench.history.warmups", 5),
                intProp("bench.history.reps", 30),
                Arrays.stream(Knobs.str("bench.history.databases", "h2,postgresql")
                                .split(","))
                        .map(String::trim)
                        .toList());
        log("history benchmark: %s", cfg);
        long t = System.nanoTime();
        HistoryBench.Result r = HistoryBench.run(cfg);
        log("history benchmark took %.0f s", (System.nanoTime() - t) / 1e9);
        List<String> out = new ArrayList<>();
        r.seeding().forEach((db, how) -> out.add("history, " + db + ": " + how));
        r.timings().forEach(timing -> out.add(HistoryBench.line(timing, cfg.rows())));
        boolean pass = r.timings().stream()
                .filter(HistoryBench.Timing::goal)
                .allMatch(timing -> Stats.quantileMs(timing.nanos(), 0.95) < 100);
        out.add(String.format(
                Locale.ROOT,
                "history at %,d executions on %s: first page, job + outcome, search in errors and last outcome p95 <"
                        + " 100 ms (server time, a page of 50 and its count up to 10,000): %s",
                cfg.rows(),
                String.join(" and ", r.seeding().keySet()),
                pass ? "PASS" : "FAIL"));
        return out;
    }

    private static List<String> jobListBenchmark() throws Exception {
        JobListBench.Config cfg = new JobListBench.Config(
                intProp("bench.joblist.baselineJobs", 1_000),
                intProp("bench.joblist.jobs", 100_000),
                intProp("bench.joblist.warmups", 20),
                intProp("bench.joblist.reps", 50));
        log("job list benchmark: %s", cfg);
        long t = System.nanoTime();
        JobListBench.Result r = JobListBench.run(cfg);
        log("job list benchmark took %.0f s", (System.nanoTime() - t) / 1e9);
        List<String> out = new ArrayList<>();
        boolean pass = true;
        for (String query : r.full().keySet()) {
            Stats full = Stats.of(r.full().get(query));
            Stats base = Stats.of(r.baseline().get(query));
            if (!query.contains("no match")) { // the four; the worst case is reported beside them
                pass &= full.p99Ms() < 100;
            }
            out.add(String.format(
                    Locale.ROOT,
                    "job list, %s, %,d jobs: %s; at %,d jobs p50=%s ms: x%.1f",
                    query,
                    r.jobs(),
                    full.line(),
                    r.baselineJobs(),
                    Stats.fmt(base.p50Ms()),
                    full.p50Ms() / base.p50Ms()));
        }
        out.add(String.format(
                Locale.ROOT,
                "job list at %,d jobs: first page, sorted, filtered and search p99 < 100 ms (server time, a page of"
                        + " 50): %s",
                r.jobs(),
                pass ? "PASS" : "FAIL"));
        Stats upcoming = Stats.of(r.upcomingFull());
        Stats upcomingBase = Stats.of(r.upcomingBaseline());
        Stats kept = Stats.of(r.upcomingKept());
        out.add(String.format(
                Locale.ROOT,
                "upcoming fires (strip + first page) after jobs changed (triggers read), %,d jobs: %s; at %,d jobs"
                        + " p50=%s ms: x%.1f",
                r.jobs(),
                upcoming.line(),
                r.baselineJobs(),
                Stats.fmt(upcomingBase.p50Ms()),
                upcoming.p50Ms() / upcomingBase.p50Ms()));
        out.add(String.format(
                Locale.ROOT,
                "upcoming fires (strip + first page) with the triggers as read (page turns, the minute's refresh),"
                        + " %,d jobs: %s; answer: %s",
                r.jobs(),
                kept.line(),
                r.upcomingAnswer()));
        out.add(String.format(
                Locale.ROOT,
                "upcoming fires at %,d jobs: strip and first page p99 < 1 s (server time), after a change: %s,"
                        + " triggers as read: %s",
                r.jobs(),
                upcoming.p99Ms() < 1_000 ? "PASS" : "FAIL",
                kept.p99Ms() < 1_000 ? "PASS" : "FAIL"));
        return out;
    }

    private static List<String> dashboardLoadBenchmark() throws Exception {
        DashboardLoadBench.Config cfg = new DashboardLoadBench.Config(
                intProp("bench.dashload.jobs", 100_000),
                intProp("bench.dashload.firingJobs", 12_000),
                intProp("bench.dashload.workers", 50),
                intProp("bench.dashload.warmupS", 20),
                intProp("bench.dashload.windowS", 30),
                intProp("bench.dashload.settleS", 10),
                Arrays.stream(Knobs.str("bench.dashload.dashboards", "1,10").split(","))
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList());
        log("dashboard load benchmark: %s", cfg);
        long t = System.nanoTime();
        DashboardLoadBench.Result r = DashboardLoadBench.run(cfg);
        log("dashboard load benchmark took %.0f s", (System.nanoTime() - t) / 1e9);
        List<String> out = new ArrayList<>();
        String jobs = String.format(Locale.ROOT, "%,d jobs", cfg.jobs());
        if (r.failure() != null) {
            out.add("dashboard load, " + jobs + ": could not measure: " + r.failure());
        }
        boolean reached = !r.windows().isEmpty();
        double baseCores = reached ? r.windows().getFirst().appCores() : Double.NaN;
        double baseRest = reached ? baseCores - r.windows().getFirst().catalogCores() : Double.NaN;
        int cores = Runtime.getRuntime().availableProcessors();
        for (DashboardLoadBench.Window w : r.windows()) {
            boolean ok = w.firesPerSecond() >= 0.9 * cfg.offered();
            reached &= ok;
            out.add(String.format(
                    Locale.ROOT,
                    "dashboard load, %s, %d dashboards open: app CPU %.2f cores (of %d), x%.2f (%+.2f cores) of no"
                            + " dashboard; jobdeck-catalog thread %.2f cores, the rest of the app %.2f cores, x%.2f;"
                            + " fires=%.0f/s%s",
                    jobs,
                    w.dashboards(),
                    w.appCores(),
                    cores,
                    w.appCores() / baseCores,
                    w.appCores() - baseCores,
                    w.catalogCores(),
                    w.appCores() - w.catalogCores(),
                    (w.appCores() - w.catalogCores()) / baseRest,
                    w.firesPerSecond(),
                    ok ? "" : String.format(Locale.ROOT, " (BELOW the offered %.0f/s)", cfg.offered())));
            out.add(String.format(
                    Locale.ROOT,
                    "  window %.0f s; Chromium + Playwright driver %.2f cores, other processes %.2f cores; app's"
                            + " busiest threads (cores): %s",
                    w.seconds(),
                    w.browserCores(),
                    w.othersCores(),
                    w.topThreads()));
        }
        if (r.firstRowsNanos().length > 0) {
            out.add(String.format(
                    Locale.ROOT,
                    "dashboard first job rows at %s while firing, from the sign-in sent to the first row shown: %s",
                    jobs,
                    Stats.of(r.firstRowsNanos()).line()));
        }
        out.add(String.format(
                Locale.ROOT,
                "  seeded in %.1f s; the app's first full read of the catalog took %.1f s after the seeding,"
                        + " before the scheduler started (until then the dashboard shows no jobs); %d of %,d jobs fire every minute (%.0f/s"
                        + " offered, a no-op job), %d Quartz workers (and triggers per acquisition); dashboards signed in as an operator, each in its"
                        + " own browser context, Chromium %s headless at nice 19, Vaadin in production mode",
                r.seedMillis() / 1000.0,
                r.catalogSeconds(),
                cfg.firingJobs(),
                cfg.jobs(),
                cfg.offered(),
                cfg.workers(),
                r.chromiumVersion()));
        DashboardLoadBench.Window most =
                reached && r.failure() == null ? r.windows().getLast() : null;
        out.add(
                most == null || !reached
                        ? String.format(
                                Locale.ROOT,
                                "dashboard load at %s and %.0f fires/s: NOT MEASURED (the offered fires/s were not"
                                        + " reached in every window, or a window failed)",
                                jobs,
                                cfg.offered())
                        : String.format(
                                Locale.ROOT,
                                "dashboard load at %s and %.0f fires/s: app CPU %.2f cores with no dashboard, x%.2f with"
                                        + " %d dashboards open (no goal set by the issue): MEASURED",
                                jobs,
                                cfg.offered(),
                                baseCores,
                                most.appCores() / baseCores,
                                most.dashboards()));
        return out;
    }

    private static List<String> browserBenchmark() throws Exception {
        List<Integer> dashboards = Arrays.stream(
                        Knobs.str("bench.browser.dashboards", "1,20,100").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        int clicks = intProp("bench.browser.clicks", 200);
        BrowserClickBench.Config cfg = new BrowserClickBench.Config(
                clickConfig(clicks, clicks),
                dashboards,
                intProp("bench.browser.warmupClicks", 20),
                clicks,
                intProp("bench.browser.pauseMs", 400),
                !Knobs.str("bench.browser.vaadinMode", "production").equals("development"),
                Knobs.longValue("bench.browser.openBudgetS", 600),
                Knobs.longValue("bench.browser.clickBudgetS", 120));
        log("browser click benchmark: %s", cfg.describe());
        long t = System.nanoTime();
        BrowserClickBench.Result r = BrowserClickBench.run(cfg);
        log("browser click benchmark took %.0f s", (System.nanoTime() - t) / 1e9);

        Stats server = Stats.of(r.serverNanos());
        int pool = cfg.load().workerThreads();
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> out = new ArrayList<>();
        for (BrowserClickBench.Run run : r.runs()) {
            String others = run.others() == run.wanted()
                    ? String.valueOf(run.others())
                    : run.others() + " (of " + run.wanted() + " wanted)";
            if (run.shortfall() != null) {
                out.add("browser: only " + run.others() + " other dashboards: " + run.shortfall());
            }
            BrowserClickBench.Latency lat = run.latency();
            BrowserClickBench.Machine m = run.machine();
            LoadMeter.Load load = run.load();
            if (run.failure() != null || lat == null || m == null || load == null) {
                out.add(String.format(
                        Locale.ROOT,
                        "browser click, %s other dashboards: could not measure: %s",
                        others,
                        run.failure()));
                continue;
            }
            out.add(String.format(
                    Locale.ROOT,
                    "browser click, %s other dashboards: %s; server-only p99=%s ms%s",
                    others,
                    Stats.of(lat.click()).line(),
                    Stats.fmt(server.p99Ms()),
                    run.incomplete() == null ? "" : "; STOPPED EARLY: " + run.incomplete()));
            if (lat.frame().length > 0) {
                out.add(String.format(
                        Locale.ROOT,
                        "  to the next frame %s; input delay (event -> handler) p99=%s ms",
                        Stats.of(lat.frame()).line(),
                        Stats.fmt(Stats.of(lat.inputDelay()).p99Ms())));
            }
            if (lat.request().length > 0) {
                out.add(String.format(
                        Locale.ROOT,
                        "  where the time goes (n=%d with their message seen): click -> message sent p50=%s p99=%s ms;"
                                + " message sent -> badge (network, server, the page applying the answer) p50=%s"
                                + " p99=%s ms",
                        lat.request().length,
                        Stats.fmt(Stats.of(lat.beforeRequest()).p50Ms()),
                        Stats.fmt(Stats.of(lat.beforeRequest()).p99Ms()),
                        Stats.fmt(Stats.of(lat.request()).p50Ms()),
                        Stats.fmt(Stats.of(lat.request()).p99Ms())));
            }
            out.add(String.format(
                    Locale.ROOT,
                    "  while clicking (%.0f s): fires=%.0f/s busy=%.1f/%d; CPU (cores of %d): app JVM %.2f, Chromium +"
                            + " Playwright driver %.2f (%d processes), other processes %.2f; Chromium PSS %d MB,"
                            + " machine MemAvailable %d MB; new dashboards opened in %.0f s",
                    run.clickSeconds(),
                    load.firesPerSecond(),
                    load.busyThreads(),
                    pool,
                    cores,
                    m.appCores(),
                    m.browserCores(),
                    m.browserProcesses(),
                    m.othersCores(),
                    m.browserPssMb(),
                    m.availableMb(),
                    run.openSeconds()));
            BrowserClickBench.Push push = run.push();
            if (push != null) {
                out.add(String.format(
                        Locale.ROOT,
                        "  push: %d/%d other dashboards showed %s within 120 s of a final stop, %d said they were"
                                + " not live, %d showed an old state as current (%d/%d pages visible); they saw"
                                + " %.0f%% of the timed clicks as a badge change, click -> their badge %s; Vaadin UI"
                                + " resyncs (a client's message lost) while clicking: %d",
                        push.showingFinal(),
                        run.others(),
                        push.finalState(),
                        push.notLive(),
                        run.others() - push.showingFinal() - push.notLive(),
                        push.visible(),
                        run.others(),
                        push.seenShare() * 100,
                        push.delayNanos().length == 0
                                ? "-"
                                : Stats.of(push.delayNanos()).line(),
                        push.resyncs()));
            }
            if (run.memory() != null) {
                out.add("  pages after GC: " + run.memory());
            }
        }
        out.add(String.format(
                Locale.ROOT,
                "  server-only click in the same app and load (submit -> return, no browser): %s; fires=%.0f/s"
                        + " busy=%.1f/%d",
                server.line(),
                r.serverLoad().firesPerSecond(),
                r.serverLoad().busyThreads(),
                pool));
        out.add("  browser: Chromium " + r.chromiumVersion() + " headless via Playwright, on this machine with the app;"
                + " each dashboard in its own browser context (its own session), the other dashboards in a second"
                + " Chromium at nice 19"
                + (r.othersIsolation().equals("nice")
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " in a CPU control group of the least weight (%s), capped at %.1f cores while the"
                                        + " clicks are timed",
                                r.othersIsolation(),
                                BrowserClickBench.OTHERS_CORES_WHILE_CLICKING))
                + " (their users' machines are elsewhere); Vaadin in "
                + (r.production() ? "production" : "development") + " mode; timed in the page from the click event"
                + " (capture phase, event.timeStamp) to a MutationObserver seeing #scheduler-state's data-state turn"
                + " STOPPING/STOPPED resp. STARTING/RUNNING");
        out.add(browserGoal(r.runs()));
        return out;
    }

    private static String browserGoal(List<BrowserClickBench.Run> runs) {
        BrowserClickBench.Run goal =
                runs.stream().filter(run -> run.wanted() == 100).findFirst().orElse(null);
        if (goal == null) {
            return "browser click p99 with 100 other dashboards: NOT MEASURED (goal < 100 ms)";
        }
        BrowserClickBench.Latency lat = goal.latency();
        if (goal.others() < goal.wanted() || lat == null) {
            return String.format(
                    Locale.ROOT,
                    "browser click p99 with 100 other dashboards: could not be measured here (%d opened%s; goal < 100"
                            + " ms): FAIL",
                    goal.others(),
                    lat == null ? ", no click measured" : "");
        }
        double p99 = Stats.of(lat.click()).p99Ms();
        BrowserClickBench.Push push = goal.push();
        // The status never lies: each other dashboard shows the final state, or says that it is not live.
        int lying = push == null ? -1 : goal.others() - push.showingFinal() - push.notLive();
        return String.format(
                Locale.ROOT,
                "browser click p99 with 100 other dashboards = %s ms%s (goal < 100 ms), other dashboards showing an old"
                        + " state as current: %s (goal 0; %s): %s",
                Stats.fmt(p99),
                goal.incomplete() == null ? "" : " over the clicks made before it stopped early",
                push == null ? "not checked" : String.valueOf(lying),
                push == null
                        ? "-"
                        : push.showingFinal() + " showed STOPPED within 120 s, " + push.notLive()
                                + " said they were not live",
                p99 < 100 && lying == 0 && goal.incomplete() == null ? "PASS" : "FAIL");
    }

    private static List<String> throughputBenchmark() throws Exception {
        ThroughputBench.Config cfg = new ThroughputBench.Config(
                intProp("bench.tp.workers", 10),
                intProp("bench.tp.jobs", 40),
                intProp("bench.tp.intervalMs", 2),
                intProp("bench.tp.warmupMs", 2000),
                intProp("bench.tp.measureMs", 10000));
        int rounds = intProp("bench.tp.rounds", 3);
        log("throughput benchmark: %s", cfg.describe());
        long t = System.nanoTime();

        String side = Knobs.str("bench.tp.side", "both");
        if (side.equals("variants")) {
            return Experiments.variants(cfg, rounds);
        }
        if (!side.equals("both")) {
            // Experiments only (e.g. profiling one side): repeated rounds of one side, no ratio.
            for (int i = 0; i < rounds; i++) {
                ThroughputBench.Round r =
                        side.equals("bare") ? ThroughputBench.bareRound(cfg) : ThroughputBench.jobdeckRound(cfg);
                log(
                        "round %d %s %.0f fires/s (other processes: %.2f cores)",
                        i + 1, side, r.firesPerSecond(), r.othersCores());
            }
            return List.of();
        }

        // JIT warm-up of both paths, not counted.
        ThroughputBench.Config warm = new ThroughputBench.Config(
                cfg.workerThreads(), cfg.jobs(), cfg.intervalMs(), 0, intProp("bench.tp.jitWarmupMs", 5000));
        log(
                "warm-up (not counted): jobdeck %.0f fires/s",
                ThroughputBench.jobdeckRound(warm).firesPerSecond());
        log(
                "warm-up (not counted): bare    %.0f fires/s",
                ThroughputBench.bareRound(warm).firesPerSecond());

        // Rounds alternate and are counterbalanced (A B B A A B ...), so a drift over time favours neither side.
        double[] jd = new double[rounds];
        double[] bare = new double[rounds];
        double[] jdCpu = new double[rounds];
        double[] bareCpu = new double[rounds];
        double[] jdSched = new double[rounds];
        double[] bareSched = new double[rounds];
        double others = 0;
        boolean allRecorded = true;
        List<String> recordedLines = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            boolean jobdeckFirst = i % 2 == 0;
            for (int k = 0; k < 2; k++) {
                System.gc();
                if ((k == 0) == jobdeckFirst) {
                    ThroughputBench.Round r = ThroughputBench.jobdeckRound(cfg);
                    jd[i] = r.firesPerSecond();
                    jdCpu[i] = r.cpuMicrosPerFire();
                    jdSched[i] = r.schedulerThreadMicrosPerFire();
                    others = Math.max(others, r.othersCores());
                    RecorderBench.Recorded recorded = java.util.Objects.requireNonNull(r.recorded());
                    allRecorded &= recorded.complete();
                    recordedLines.add(String.format(Locale.ROOT, "round %d: %s", i + 1, recorded.line()));
                    log(
                            "round %d jobdeck %.0f fires/s, CPU %.0f us/fire (other processes: %.2f cores); history: %s;"
                                    + " busiest threads (us/fire): %s",
                            i + 1, jd[i], r.cpuMicrosPerFire(), r.othersCores(), recorded.line(), r.busiestThreads());
                } else {
                    ThroughputBench.Round r = ThroughputBench.bareRound(cfg);
                    bare[i] = r.firesPerSecond();
                    bareCpu[i] = r.cpuMicrosPerFire();
                    bareSched[i] = r.schedulerThreadMicrosPerFire();
                    others = Math.max(others, r.othersCores());
                    log(
                            "round %d bare    %.0f fires/s, CPU %.0f us/fire (other processes: %.2f cores); busiest"
                                    + " threads (us/fire): %s",
                            i + 1, bare[i], r.cpuMicrosPerFire(), r.othersCores(), r.busiestThreads());
                }
            }
        }
        log("throughput benchmark took %.0f s", (System.nanoTime() - t) / 1e9);
        double jdMedian = median(jd);
        double bareMedian = median(bare);
        double ratio = jdMedian / bareMedian;
        return List.of(
                String.format(
                        Locale.ROOT,
                        "throughput jobdeck (history recording and events on)=%.0f fires/s bare=%.0f fires/s ratio=%.2f"
                                + " (goal >= 0.9): %s; every execution recorded: %s",
                        jdMedian,
                        bareMedian,
                        ratio,
                        ratio >= 0.9 ? "PASS" : "FAIL",
                        allRecorded ? "yes" : "NO"),
                "  setup: " + cfg.describe() + "; rounds J B B J J B; jobdeck = the app as it runs (execution history"
                        + " recorded, event hub, listeners); bare = StdSchedulerFactory, JobStoreTX, no listeners; "
                        + loadAverage(),
                "  jobdeck's history after each round (stopped, recorder flushed): " + String.join("; ", recordedLines),
                String.format(
                        Locale.ROOT,
                        "  rounds (median of %d each): jobdeck %s bare %s; other processes used"
                                + " up to %.2f cores in a round",
                        rounds,
                        format(jd),
                        format(bare),
                        others),
                String.format(
                        Locale.ROOT,
                        "  JVM CPU per fire (medians; hardly disturbed by other processes): jobdeck"
                                + " %.0f us, bare %.0f us; on Quartz's scheduler thread: jobdeck %.0f us, bare %.0f us",
                        median(jdCpu),
                        median(bareCpu),
                        median(jdSched),
                        median(bareSched)));
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static String format(double[] values) {
        return Arrays.stream(values)
                .mapToObj(v -> String.format(Locale.ROOT, "%.0f", v))
                .toList()
                .toString();
    }

    private static int intProp(String name, int fallback) {
        return Knobs.integer(name, fallback);
    }

    /** The machine's load average (1, 5 and 15 minutes), as uptime shows it: other sessions share these cores. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split("\\s+");
            return "load average " + f[0] + ", " + f[1] + ", " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    static void log(String format, Object... args) {
        System.out.println("# " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /**
     * Spring Boot must not reconfigure logging for each context (the bare scheduler runs outside Spring, and
     * logback's default is DEBUG to the console). Everything below WARN is dropped, for both sides alike.
     */
    private static void quietLogging() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        // "Using H2 2.4.240 which is newer than the version Flyway has been verified with", once per database.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.flywaydb")).setLevel(Level.ERROR);
    }
}
