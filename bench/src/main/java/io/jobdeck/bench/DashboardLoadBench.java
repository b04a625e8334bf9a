package io.jobdeck.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.scheduler.internal.ExecutionCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The dashboard's cost on a big, busy scheduler: 100,000 jobs with a cron trigger each in the embedded (H2 file) store
 * ({@link SeededJobs}), 12,000 of them firing every minute, spread over its seconds (about 200 fires a second, of a
 * no-op job). The app runs in this JVM; its CPU per second of wall time is measured over a window with no dashboard
 * open (the baseline), then with 1 and with 10 dashboards open in headless Chromium, each in its own browser context
 * (its own session), signed in as an operator; that Chromium runs at nice 19, as its users' browsers would run on
 * their own machines. The fires per second are counted by the app itself ({@link
 * ExecutionCounters}); a window counts only if they reached about the offered rate. Also timed: how long a dashboard
 * takes to show its first job rows, and how long the app takes to read the catalog of every job for the first time.
 */
final class DashboardLoadBench {

    record Config(
            int jobs, int firingJobs, int workers, int warmupS, int windowS, int settleS, List<Integer> dashboards) {

        /** Fires per second the every-minute triggers offer. */
        double offered() {
            return firingJobs / 60.0;
        }
    }

    /**
     * One measured window. CPU in cores (CPU seconds per second of wall time): the app is this JVM without the bench's
     * own threads (the main thread, Playwright's client); the browser is Chromium with Playwright's driver.
     */
    record Window(
            int dashboards,
            double seconds,
            double firesPerSecond,
            double appCores,
            double catalogCores,
            double browserCores,
            double othersCores,
            String topThreads) {}

    record Result(
            List<Window> windows,
            long seedMillis,
            double catalogSeconds,
            long[] firstRowsNanos,
            @Nullable String chromiumVersion,
            @Nullable String failure) {}

    /** Returns {@code performance.now()} once the jobs grid shows a job's name: the ms since the sign-in was sent. */
    private static final String FIRST_ROW = """
            () => {
              const name = document.querySelector('#jobs-grid a.jobdeck-job-name');
              return name && name.textContent.trim() ? performance.now() : null;
            }""";

    private static final long CATALOG_BUDGET_SECONDS = Knobs.longValue("bench.dashload.catalogBudgetS", 900);

    private DashboardLoadBench() {}

    static Result run(Config cfg) throws Exception {
        BrowserClickBench.requireChromium();
        String password = UUID.randomUUID().toString();
        // Cost 4, the lowest bcrypt allows: the sign-ins are set-up, not what is measured.
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(password);
        try (JobdeckApp app = JobdeckApp.boot(cfg.workers(), BrowserClickBench.appArgs(hash, true))) {
            if (!BrowserClickBench.productionMode(app)) {
                throw new IllegalStateException("Vaadin runs in development mode, not production");
            }
            ExecutionCounters counters = app.context.getBean(ExecutionCounters.class);
            JobOverviewService overview = app.context.getBean(JobOverviewService.class);
            long t = System.nanoTime();
            // The every-minute jobs are spread over all of them (a permutation: 7 shares no factor with 10^k), so the
            // dashboard's first 200 by name hold about as many of them as any 200 jobs do.
            java.util.function.IntPredicate firing = i -> (i * 7L) % cfg.jobs() < cfg.firingJobs();
            DataSource data = app.context.getBean(DataSource.class);
            SeededJobs.seed(data, app.scheduler.getSchedulerName(), 0, cfg.jobs(), SeededJobs.Options.daily(firing));
            long seedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            BenchMain.log(
                    "seeded %,d jobs with cron triggers (%,d of them every minute) in %d ms",
                    cfg.jobs(), cfg.firingJobs(), seedMillis);

            // The first full read of the catalog takes a while: done before the scheduler starts, so that the
            // triggers do not begin far behind (as misfires); then their first fires are due within a minute again.
            double catalogSeconds = awaitCatalog(overview, cfg.jobs());
            if (catalogSeconds < 0) {
                return new Result(
                        List.of(),
                        seedMillis,
                        catalogSeconds,
                        new long[0],
                        null,
                        "the dashboard's catalog did not hold the jobs it lists within " + CATALOG_BUDGET_SECONDS
                                + " s");
            }
            SeededJobs.firstFiresFromNow(data, app.scheduler.getSchedulerName(), cfg.jobs(), firing);
            app.startAndWait();
            BenchMain.log("scheduler started; warm-up %d s", cfg.warmupS());
            Thread.sleep(cfg.warmupS() * 1000L);

            List<Window> windows = new ArrayList<>();
            windows.add(window(0, counters, null, cfg.windowS()));
            List<Long> firstRows = new ArrayList<>();
            try (Playwright playwright = BrowserClickBench.playwright()) {
                // The dashboards' users have browsers of their own elsewhere, so their Chromium runs at nice 19.
                // Not in the browser click benchmark's control group of the least weight: on a machine busy with
                // other builds, a dashboard there did not load within a minute.
                Browser chromium = BrowserClickBench.launch(playwright, BrowserClickBench.niceChromium("nice"));
                String base = "http://localhost:" + app.port();
                BenchMain.log("Chromium %s, headless, nice 19; app on %s", chromium.version(), base);
                List<Page> pages = new ArrayList<>();
                for (int wanted : cfg.dashboards()) {
                    try {
                        open(chromium, base, password, pages, wanted, firstRows);
                    } catch (PlaywrightException | IllegalStateException e) {
                        BenchMain.log("could not open dashboard %d: %s", pages.size() + 1, e.getMessage());
                        return new Result(
                                windows,
                                seedMillis,
                                catalogSeconds,
                                nanos(firstRows),
                                chromium.version(),
                                "dashboard " + (pages.size() + 1) + " did not open: "
                                        + String.valueOf(e.getMessage())
                                                .lines()
                                                .findFirst()
                                                .orElse(""));
                    }
                    BenchMain.log(
                            "%d dashboards open (the last showed its first rows %.0f ms after the sign-in was sent);"
                                    + " settling %d s",
                            pages.size(), firstRows.getLast() / 1e6, cfg.settleS());
                    pump(pages.getFirst(), cfg.settleS() * 1000L);
                    windows.add(window(pages.size(), counters, pages.getFirst(), cfg.windowS()));
                }
                return new Result(windows, seedMillis, catalogSeconds, nanos(firstRows), chromium.version(), null);
            }
        }
    }

    /** Opens dashboards until there are {@code count}, each timed from its sign-in to its first job row. */
    private static void open(
            Browser chromium, String base, String password, List<Page> pages, int count, List<Long> firstRows) {
        while (pages.size() < count) {
            Page page = BrowserClickBench.submitLogin(chromium, base, BrowserClickBench.OPERATOR, password);
            BrowserClickBench.awaitDashboard(page, base);
            double ms = ((Number) page.waitForFunction(
                                    FIRST_ROW, null, new Page.WaitForFunctionOptions().setPollingInterval(10))
                            .jsonValue())
                    .doubleValue();
            firstRows.add(Math.round(ms * 1e6));
            pages.add(page);
        }
    }

    private static long[] nanos(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Waits until the dashboard's catalog holds every job it lists (the first {@link JobOverviewService#SHOWN}); returns
     * the seconds it took, -1 if it never did.
     */
    private static double awaitCatalog(JobOverviewService overview, int all) throws InterruptedException {
        int jobs = Math.min(all, JobOverviewService.SHOWN);
        long t = System.nanoTime();
        long deadline = t + TimeUnit.SECONDS.toNanos(CATALOG_BUDGET_SECONDS);
        long nextLog = t + TimeUnit.SECONDS.toNanos(30);
        while (overview.jobs().size() < jobs) {
            long now = System.nanoTime();
            if (now > deadline) {
                return -1;
            }
            if (now > nextLog) {
                BenchMain.log(
                        "waiting for the catalog's first full read: %,d jobs in it after %.0f s",
                        overview.jobs().size(), (now - t) / 1e9);
                nextLog = now + TimeUnit.SECONDS.toNanos(30);
            }
            overview.requestRefresh(); // a read that began during the seeding saw only part of the jobs
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        BenchMain.log("the catalog held the %,d jobs the dashboard lists %.1f s after the seeding", jobs, seconds);
        return seconds;
    }

    private static Window window(int dashboards, ExecutionCounters counters, @Nullable Page pump, int seconds)
            throws InterruptedException {
        String what = dashboards + " dashboards open";
        Quiet.await(what);
        CpuMonitor machine = CpuMonitor.start();
        ThreadCpu threads = ThreadCpu.start();
        long fired = counters.fired();
        long t = System.nanoTime();
        if (pump == null) {
            Thread.sleep(seconds * 1000L);
        } else {
            pump(pump, seconds * 1000L);
        }
        Map<String, Long> cpu = threads.stop();
        double wall = (System.nanoTime() - t) / 1e9;
        double fires = (counters.fired() - fired) / wall;
        long bench = cpu.getOrDefault(ThreadCpu.group(Thread.currentThread().getName()), 0L)
                + cpu.getOrDefault(ThreadCpu.PLAYWRIGHT, 0L);
        double app = (cpu.get("(process)") - bench) / 1e9 / wall;
        double catalog = cpu.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("jobdeck-catalog"))
                        .mapToLong(Map.Entry::getValue)
                        .sum()
                / 1e9
                / wall;
        String top = cpu.entrySet().stream()
                .filter(e -> !e.getKey().equals("(process)"))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(6)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e9 / wall))
                .collect(Collectors.joining(", "));
        Window w =
                new Window(dashboards, wall, fires, app, catalog, machine.childrenCores(), machine.othersCores(), top);
        BenchMain.log(
                "%s: app %.2f cores, catalog thread %.2f, fires=%.0f/s; busiest threads (cores): %s",
                what, app, catalog, fires, top);
        return w;
    }

    /** Lets time pass while Playwright's client keeps reading its driver's messages (it does so only while called). */
    private static void pump(Page page, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while ((left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
            page.waitForTimeout(Math.min(1000, left));
        }
    }
}
