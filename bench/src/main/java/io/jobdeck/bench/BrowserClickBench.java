package io.jobdeck.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.context.WebApplicationContext;

/**
 * Benchmark 2: a Start/Stop click as a user feels it. The app runs in-process under the click benchmark's load; a
 * real headless Chromium logs in as an operator through the login page and clicks {@code #stop} / {@code #start}
 * while 1, 20 and 100 other dashboards, each in its own browser context (its own session, like another user), are
 * open and receiving push. The other dashboards run in a second Chromium at the lowest CPU priority (nice 19): other
 * users' browsers run on their own machines, so here they take only the CPU the app and the clicking page leave. The time is taken in the page itself: from the {@code click} event (capture phase, the
 * event's own timestamp, so a busy page's input delay counts) to a {@code MutationObserver} seeing the badge's
 * {@code data-state} turn STOPPING/STOPPED (resp. STARTING/RUNNING), so Playwright's round trips are not in it.
 *
 * <p>All of it shares this machine's cores: the browser's CPU, the app's and everyone else's are reported beside
 * each figure. Pages are only opened while the machine keeps memory to spare (other builds run here too).
 */
final class BrowserClickBench {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /**
     * The end-to-end tests' flags ({@code src/test/java/io/jobdeck/e2e/Browser.java}); Playwright adds
     * {@code --headless} and a fresh {@code --user-data-dir} itself.
     */
    private static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    static final String OPERATOR = "bench-operator";
    private static final String VIEWER = "bench-viewer";

    private static final List<String> STOPPED_STATES = List.of("STOPPING", "STOPPED");
    private static final List<String> STARTED_STATES = List.of("STARTING", "RUNNING");
    /** What other dashboards may show once a start reached them: they see the status, never the clicker's pending. */
    private static final List<String> OTHERS_STARTED_STATES = List.of("STARTING", "RUNNING", "DEGRADED");

    /** Logins and page loads get this long before the run is declared broken. */
    private static final double TIMEOUT_MS = 60_000;

    /**
     * How long a click may take to show its state (and a button to become enabled) before the configuration stops
     * early; such a click is counted as this long. A knob, so that very slow runs can still be measured to the end.
     */
    private static final double CLICK_TIMEOUT_MS = Knobs.longValue("bench.browser.clickTimeoutMs", 60_000);

    /** Warm-up clicks stop after this long, however many were made. */
    private static final long WARMUP_BUDGET_SECONDS = 20;

    /** Pages are opened ten at a time: a batch loads in the browser together while the next logins are typed. */
    private static final int BATCH = 10;
    /** What a dashboard page grows to under push here (PSS, measured: ~90 MB at first, 150-250 MB minutes later). */
    private static final long PAGE_MB = 250;
    /** Memory left to the rest of the machine: no page is opened, and no click made, below it. */
    private static final long RESERVE_MB = 3_000;

    /**
     * The clicking page's stopwatch. {@code arm([button, targets])} waits until the button is enabled; {@code done}
     * is set with the times once the badge shows one of the targets and the next frame has begun.
     */
    private static final String CLICK_TIMER = """
            () => {
              if (window.__jdb) return;
              const CLICK_TIMED_OUT = 'the click did not show its state in time';
              const jdb = { armed: null, done: null };
              window.__jdb = jdb;
              // The click goes to the server over the push WebSocket: the first message the page sends after the
              // click event is the click's. (When its answer arrives cannot be told apart from when the page has
              // applied it: Vaadin's handler runs first, so the rest is one figure, message sent -> badge.)
              const send = WebSocket.prototype.send;
              WebSocket.prototype.send = function (data) {
                const a = jdb.armed;
                if (a && a.t0 !== undefined && a.sent === undefined) {
                  a.sent = performance.now();
                }
                return send.call(this, data);
              };
              document.addEventListener('click', e => {
                const a = jdb.armed;
                if (!a || a.t0 !== undefined || !e.target.closest || !e.target.closest('#' + a.button)) return;
                const now = performance.now();
                a.t0 = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
                a.handler = now;
                a.epoch = performance.timeOrigin + a.t0;
              }, true);
              new MutationObserver(() => {
                const a = jdb.armed;
                if (!a || a.t0 === undefined || a.dom !== undefined) return;
                const s = document.getElementById('scheduler-state')?.getAttribute('data-state');
                if (!a.targets.includes(s)) return;
                a.dom = performance.now();
                a.state = s;
                requestAnimationFrame(() => {
                  a.frame = performance.now();
                  a.sent = a.sent ?? -1;
                  jdb.done = a;
                  jdb.finish(a);
                });
              }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
              jdb.arm = async ([button, targets, timeout]) => {
                const deadline = performance.now() + timeout;
                for (;;) {
                  const b = document.getElementById(button);
                  if (b && !b.hasAttribute('disabled')) break;
                  if (performance.now() > deadline) throw new Error('#' + button + ' stayed disabled for ' + timeout + ' ms');
                  await new Promise(r => setTimeout(r, 5));
                }
                jdb.done = null;
                // Awaited by the bench: no polling, which would make the page render a frame for every check.
                jdb.finished = new Promise((resolve, reject) => {
                  jdb.finish = resolve;
                  setTimeout(() => reject(new Error(CLICK_TIMED_OUT)), timeout);
                });
                jdb.armed = { button, targets };
              };
            }
            """;

    /** Another dashboard's log of what its badge showed, with wall-clock times comparable between pages. */
    private static final String WATCHER = """
            () => {
              if (window.__jdbSeen) return;
              const seen = window.__jdbSeen = [];
              const state = () => document.getElementById('scheduler-state')?.getAttribute('data-state');
              let last = state();
              new MutationObserver(() => {
                const s = state();
                if (s !== last) { last = s; seen.push([s, performance.timeOrigin + performance.now()]); }
              }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
            }
            """;

    /** What the clicking page shows when a click's state did not show in time. */
    private static final String STUCK = """
            () => {
              const a = window.__jdb.armed || {};
              const since = t => a.t0 === undefined ? '?' : Math.round(t - a.t0);
              return 'click event ' + (a.t0 === undefined ? 'never seen' : 'seen') + ', badge shows '
                  + document.getElementById('scheduler-state')?.getAttribute('data-state')
                  + ', click message sent ' + (a.sent === undefined ? 'never' : since(a.sent) + ' ms after it');
            }
            """;

    private static final String BADGE_IS =
            "s => document.getElementById('scheduler-state')?.getAttribute('data-state') === s";

    record Config(
            ClickBench.Config load,
            List<Integer> dashboards,
            int warmupClicks,
            int clicks,
            int pauseMs,
            boolean productionMode,
            long openBudgetSeconds,
            long clickBudgetSeconds) {

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "other dashboards %s; %d warm-up + %d timed clicks per configuration, %s; server-only reference %d"
                            + " clicks; Vaadin %s mode; per configuration at most %d s to open its pages, %d s of warm-up"
                            + " and %d s of timed clicks (fewer clicks then); load as the click benchmark's",
                    dashboards,
                    warmupClicks,
                    clicks,
                    pace(),
                    load.clicks(),
                    productionMode ? "production" : "development",
                    openBudgetSeconds,
                    WARMUP_BUDGET_SECONDS,
                    clickBudgetSeconds);
        }

        String pace() {
            return pauseMs == 0
                    ? "each timed click as soon as the previous one showed its state"
                    : String.format(
                            Locale.ROOT,
                            "each timed click %d-%d ms after the previous one showed its state, as a person clicks",
                            pauseMs / 2,
                            pauseMs * 3 / 2);
        }
    }

    /** Latencies of the timed clicks (ns); the last three only for clicks whose UIDL request was seen. */
    record Latency(long[] click, long[] frame, long[] inputDelay, long[] beforeRequest, long[] request) {}

    /** Cores used while clicking; memory afterwards (MB). */
    record Machine(
            double appCores,
            double browserCores,
            double othersCores,
            int browserProcesses,
            long browserPssMb,
            long availableMb) {}

    /**
     * Whether the other dashboards kept up: final state shown, when the timed clicks reached them, and how often a
     * Vaadin client (any page) gave up waiting for a lost message and asked for the whole UI again.
     */
    record Push(
            int showingFinal,
            int notLive,
            int visible,
            String finalState,
            long[] delayNanos,
            double seenShare,
            int resyncs) {}

    /** One page's JS heap after a forced garbage collection, and its DOM. */
    record PageMemory(double heapMb, long nodes, long listeners) {

        String line() {
            return String.format(Locale.ROOT, "JS heap %.1f MB, %d DOM nodes, %d listeners", heapMb, nodes, listeners);
        }
    }

    /**
     * One configuration: {@code wanted} other dashboards, {@code others} really open. {@code shortfall} says why not
     * all could be opened; {@code incomplete} why the timed clicks or the push check stopped early (the figures are
     * what was measured until then); {@code failure} why nothing could be measured (then the figures are empty).
     */
    record Run(
            int wanted,
            int others,
            double openSeconds,
            double clickSeconds,
            @Nullable Latency latency,
            @Nullable Machine machine,
            @Nullable Push push,
            LoadMeter.@Nullable Load load,
            @Nullable String memory,
            @Nullable String shortfall,
            @Nullable String incomplete,
            @Nullable String failure) {}

    record Result(
            long[] serverNanos,
            LoadMeter.Load serverLoad,
            List<Run> runs,
            String chromiumVersion,
            boolean production,
            String othersIsolation) {}

    /** Vaadin's server logs each "Resynchronizing UI by client's request" (a client's message went missing). */
    private static final AtomicInteger RESYNCS = new AtomicInteger();

    private BrowserClickBench() {}

    private static void countResyncs() {
        Logger logger = (Logger) LoggerFactory.getLogger("com.vaadin.flow.server.communication.ServerRpcHandler");
        if (logger.getAppender("bench-resyncs") != null) {
            return;
        }
        AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().startsWith("Resynchronizing UI")) {
                    RESYNCS.incrementAndGet();
                }
            }
        };
        counter.setName("bench-resyncs");
        counter.setContext(logger.getLoggerContext());
        counter.start();
        logger.addAppender(counter);
    }

    static Result run(Config cfg) throws Exception {
        requireChromium();
        countResyncs();
        String password = UUID.randomUUID().toString();
        // Cost 4, the lowest bcrypt allows: 100+ logins on 2 cores are set-up, not what is measured.
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(password);
        ClickBench.Config load = cfg.load();
        try (JobdeckApp app = JobdeckApp.boot(load.workerThreads(), appArgs(hash, cfg.productionMode()))) {
            boolean production = productionMode(app);
            if (production != cfg.productionMode()) {
                throw new IllegalStateException("Vaadin runs in " + (production ? "production" : "development")
                        + " mode, not the one asked for");
            }
            ClickBench.installLoad(app.scheduler, load);
            app.startAndWait();
            Thread.sleep(load.loadWarmupMs());
            ClickBench.awaitLongJobs(load.longJobs(), 5000);
            IntSupplier busy = PoolProbe.busyWorkers(app.scheduler);

            // The server-side figure in this same app and load, before any page is open.
            ClickBench.clicks(app.control, load.warmupClicks(), load);
            Quiet.await("the server-only clicks");
            LoadMeter serverMeter = LoadMeter.start(busy);
            long[] server = ClickBench.clicks(app.control, load.clicks(), load).all();
            LoadMeter.Load serverLoad = serverMeter.stop();
            if (load.clicks() % 2 == 1) {
                app.startAndWait();
            }

            String base = "http://localhost:" + app.port();
            Result result;
            try (Playwright playwright = playwright()) {
                Browser chromium = launch(playwright, CHROMIUM);
                BenchMain.log("Chromium %s, headless, app on %s", chromium.version(), base);
                // The other users' browsers run on their own machines; here they share the app's cores, so their
                // Chromium gets only what is left over. The server still pushes to every one of them.
                String isolation = othersIsolation();
                othersIsolation = isolation;
                BenchMain.log(
                        "other dashboards' Chromium: nice 19%s", isolation.equals("nice") ? "" : ", " + isolation);
                Browser othersChromium = launch(playwright, niceChromium(isolation));
                Page clicker = login(chromium, base, OPERATOR, password);
                clicker.evaluate(CLICK_TIMER);
                List<Page> others = new ArrayList<>();
                List<Run> runs = new ArrayList<>();
                for (int wanted : cfg.dashboards()) {
                    Run r = configuration(app, othersChromium, base, password, clicker, others, wanted, cfg, busy);
                    runs.add(r);
                    if (r.shortfall() != null || r.incomplete() != null || r.failure() != null) {
                        break; // more pages would not work either
                    }
                }
                result = new Result(server, serverLoad, runs, chromium.version(), production, isolation);
            }
            // The app's close then logs an Atmosphere warning for each push connection the browser left.
            ((Logger) LoggerFactory.getLogger("org.atmosphere")).setLevel(Level.ERROR);
            return result;
        }
    }

    /** Fails at once, before the app boots, when Debian's Chromium is not installed. */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(
                    CHROMIUM + " is missing: apt-get install -y --no-install-recommends chromium");
        }
    }

    /** Playwright with Debian's Chromium: it must not try to download a browser of its own. */
    static Playwright playwright() {
        return Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** A headless Chromium run from {@code executable} (Chromium itself, or a script that starts it). */
    static Browser launch(Playwright playwright, Path executable) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(CHROMIUM_ARGS));
    }

    /**
     * Where the other dashboards' Chromium runs: a CPU control group with the smallest weight (cgroup v1 {@code
     * cpu.shares=2}, or v2 {@code cpu.weight=1}), so that all its processes together get only the CPU that nothing
     * else here wants, as if they ran on their users' machines. nice 19 alone does not do that: each of 100 renderer
     * processes at nice 19 weighs 15 against 1024 for one at nice 0, so together they outweigh the clicking page.
     * Without a writable control group (not root, no cpu controller) it falls back to nice 19, and says so.
     */
    static final String OTHERS_CGROUP = "jobdeck-bench-others";

    /** What {@link #othersIsolation()} set up for this run. */
    private static String othersIsolation = "nice";

    private static final String[] CGROUP_SETUPS = {
        "/sys/fs/cgroup/cpu/" + OTHERS_CGROUP + " cpu.shares 2", "/sys/fs/cgroup/" + OTHERS_CGROUP + " cpu.weight 1"
    };

    /** Cores the other dashboards' Chromium may use in all while the clicks are timed (a control group's quota). */
    static final double OTHERS_CORES_WHILE_CLICKING = Knobs.longValue("bench.browser.othersMilliCores", 200) / 1000.0;

    /**
     * Caps (or frees) the other dashboards' Chromium while the clicks are timed: their users' browsers run elsewhere,
     * so on this machine they may use at most {@link #OTHERS_CORES_WHILE_CLICKING}, whatever their weight. Returns
     * whether a cap was set or lifted.
     */
    static boolean capOthers(String isolation, boolean cap) {
        if (isolation.equals("nice")) {
            return false;
        }
        Path dir = Path.of(isolation.split(" ")[0]);
        long quota = Math.round(OTHERS_CORES_WHILE_CLICKING * 100_000);
        try {
            if (isolation.contains("cpu.shares")) {
                Files.writeString(dir.resolve("cpu.cfs_quota_us"), cap ? String.valueOf(quota) : "-1");
            } else {
                Files.writeString(dir.resolve("cpu.max"), (cap ? String.valueOf(quota) : "max") + " 100000");
            }
            return true;
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** How the other dashboards' Chromium is kept off the CPU the app and the clicking page need. */
    static String othersIsolation() {
        for (String setup : CGROUP_SETUPS) {
            String[] parts = setup.split(" ");
            Path dir = Path.of(parts[0]);
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(parts[1]), parts[2]);
                return setup;
            } catch (java.io.IOException | UnsupportedOperationException | SecurityException notHere) {
                // try the next kind, else nice alone
            }
        }
        return "nice";
    }

    /** A Chromium that runs at the lowest CPU priority, with all its processes: the other dashboards' browser. */
    static Path niceChromium(String isolation) throws java.io.IOException {
        Path script = TempDirs.create("jobdeck-bench-chromium").resolve("chromium-nice");
        String join = isolation.equals("nice") ? "" : "echo $$ > " + isolation.split(" ")[0] + "/cgroup.procs\n";
        Files.writeString(script, "#!/bin/sh\n" + join + "exec nice -n 19 " + CHROMIUM + " \"$@\"\n");
        if (!script.toFile().setExecutable(true)) {
            throw new IllegalStateException("Cannot make " + script + " executable");
        }
        // Deleted in the reverse order: the script, then its directory.
        script.getParent().toFile().deleteOnExit();
        script.toFile().deleteOnExit();
        return script;
    }

    static String[] appArgs(String hash, boolean productionMode) {
        return new String[] {
            "--jobdeck.security.users[0].username=" + OPERATOR,
            "--jobdeck.security.users[0].password=" + hash,
            "--jobdeck.security.users[0].role=OPERATOR",
            "--jobdeck.security.users[1].username=" + VIEWER,
            "--jobdeck.security.users[1].password=" + hash,
            "--jobdeck.security.users[1].role=VIEWER",
            // Production needs the bundle that bench/run builds (vaadin:build-frontend, no Node needed).
            "--vaadin.productionMode=" + productionMode
        };
    }

    static boolean productionMode(JobdeckApp app) {
        var servletContext = ((WebApplicationContext) app.context).getServletContext();
        if (servletContext == null) {
            throw new IllegalStateException("The app has no servlet context");
        }
        return ApplicationConfiguration.get(new VaadinServletContext(servletContext))
                .isProductionMode();
    }

    private static Run configuration(
            JobdeckApp app,
            Browser chromium,
            String base,
            String password,
            Page clicker,
            List<Page> others,
            int wanted,
            Config cfg,
            IntSupplier busy)
            throws Exception {
        // Pages open while the scheduler stands still: opening is not what is measured, and 100 pages that get only
        // the CPU others leave (nice 19) would not load within the budget under the full load.
        BenchJobs.holdThroughStandby = false;
        app.stopAndWait();
        long t = System.nanoTime();
        String shortfall = open(chromium, base, password, others, wanted, cfg.openBudgetSeconds())
                .orElse(null);
        double openSeconds = (System.nanoTime() - t) / 1e9;
        if (shortfall != null) {
            shortfall = String.format(
                    Locale.ROOT,
                    "opened %d of %d other dashboards in %.0f s, then stopped: %s; Chromium PSS %d MB, machine"
                            + " MemAvailable %d MB",
                    others.size(),
                    wanted,
                    openSeconds,
                    shortfall,
                    CpuMonitor.childrenPssMb(),
                    CpuMonitor.availableMemoryMb());
            BenchMain.log("%s", shortfall);
        }
        BenchMain.log(
                "%d other dashboards open (%.0f s to open the new ones); Chromium and driver: %d processes, PSS %d MB;"
                        + " machine MemAvailable %d MB",
                others.size(),
                openSeconds,
                ProcessHandle.current().descendants().count(),
                CpuMonitor.childrenPssMb(),
                CpuMonitor.availableMemoryMb());
        try {
            restoreLoad(app, cfg.load());
            // 9 of 10 workers stay busy through the clicks' stops and starts (a stop drains them only at the end).
            BenchJobs.holdThroughStandby = true;
            return measure(app, clicker, others, wanted, cfg, busy, openSeconds, shortfall);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            BenchMain.log("clicks with %d other dashboards failed: %s", others.size(), firstLine(e));
            return new Run(
                    wanted, others.size(), openSeconds, 0, null, null, null, null, null, shortfall, null, firstLine(e));
        }
    }

    /**
     * The pages open while the scheduler stands still, which leaves the short triggers so far behind that Quartz counts them as misfired and skips them until its misfire handler's next
     * pass (up to 30 s). So: start, and wait until at least half the offered fires per second are back.
     */
    private static void restoreLoad(JobdeckApp app, ClickBench.Config load) throws Exception {
        app.startAndWait();
        double offered = load.shortTriggers() * 1000.0 / load.shortIntervalMs();
        long deadline = System.nanoTime() + 90_000_000_000L;
        double rate = 0;
        while (System.nanoTime() < deadline) {
            long before = BenchJobs.FIRES.sum();
            Thread.sleep(1000);
            rate = BenchJobs.FIRES.sum() - before;
            if (rate >= offered / 2) {
                ClickBench.awaitLongJobs(load.longJobs(), 5000);
                return;
            }
        }
        BenchMain.log("the load came back only to %.0f fires/s (offered %.0f/s) within 90 s", rate, offered);
    }

    /** Opens other dashboards until there are {@code count}; says why it stopped short, if it did. */
    private static Optional<String> open(
            Browser chromium, String base, String password, List<Page> others, int count, long budgetSeconds) {
        long deadline = System.nanoTime() + budgetSeconds * 1_000_000_000L;
        while (others.size() < count) {
            int n = Math.min(BATCH, count - others.size());
            long available = CpuMonitor.availableMemoryMb();
            if (available >= 0 && available < RESERVE_MB + n * PAGE_MB) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "%d more pages would leave less than %d MB to the rest of the machine",
                        n,
                        RESERVE_MB));
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("the time allowed to open them (" + budgetSeconds + " s) ran out");
            }
            List<Page> batch = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    batch.add(submitLogin(chromium, base, VIEWER, password));
                }
                for (Page page : batch) {
                    awaitDashboard(page, base);
                    page.evaluate(WATCHER);
                    others.add(page);
                }
            } catch (PlaywrightException | IllegalStateException e) {
                // Pages that did not make it would still load the machine: only those counted stay open.
                batch.stream()
                        .filter(p -> !others.contains(p))
                        .forEach(p -> p.context().close());
                return Optional.of(firstLine(e));
            }
        }
        return Optional.empty();
    }

    private static Page login(Browser chromium, String base, String user, String password) {
        Page page = submitLogin(chromium, base, user, password);
        awaitDashboard(page, base);
        return page;
    }

    /** A fresh browser context (own cookies, so its own session), its login page filled in and sent. */
    static Page submitLogin(Browser chromium, String base, String user, String password) {
        BrowserContext context = chromium.newContext(
                new Browser.NewContextOptions().setLocale("en-US").setViewportSize(1280, 800));
        context.setDefaultTimeout(TIMEOUT_MS);
        Page page = context.newPage();
        page.navigate(base + "/login");
        page.locator("input[name=username]").fill(user);
        page.locator("input[name=password]").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        return page;
    }

    static void awaitDashboard(Page page, String base) {
        try {
            page.locator("#scheduler-state")
                    .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        } catch (PlaywrightException notThere) {
            if (page.url().contains("/login")) {
                throw new IllegalStateException("The bench user could not log in: " + page.url());
            }
            throw notThere;
        }
        if (!page.url().startsWith(base)) {
            throw new IllegalStateException("The login went to " + page.url());
        }
    }

    /**
     * Times in the page's clock (ms). {@code sent}: the click's message on the push WebSocket, -1 if none was seen.
     */
    private record Click(
            String button, double t0, double dom, double frame, double handler, double epoch, double sent) {}

    private static Run measure(
            JobdeckApp app,
            Page clicker,
            List<Page> others,
            int wanted,
            Config cfg,
            IntSupplier busy,
            double openSeconds,
            @Nullable String shortfall)
            throws InterruptedException {
        int n = others.size();
        Clicks warm = clicks(clicker, cfg.warmupClicks(), WARMUP_BUDGET_SECONDS, 0);
        if (warm.stoppedBy() != null) {
            throw new IllegalStateException("warm-up " + warm.stoppedBy());
        }
        PageMemory clickerBefore = pageMemory(clicker);
        PageMemory otherBefore = others.isEmpty() ? null : pageMemory(others.getFirst());
        System.gc();
        Quiet.await("the browser clicks with " + n + " other dashboards");
        CDPSession clickerCdp = clicker.context().newCDPSession(clicker);
        clickerCdp.send("Performance.enable");
        String profile = Knobs.str("bench.browser.profile", "");
        if (!profile.isEmpty()) {
            clickerCdp.send("Profiler.enable");
            clickerCdp.send("Profiler.start");
        }
        // A DevTools timeline of the clicking page (what its main thread does: scripts, style, layout, paint), for
        // chrome://tracing or the Performance panel.
        String trace = Knobs.str("bench.browser.trace", "");
        if (!trace.isEmpty()) {
            clicker.context()
                    .browser()
                    .startTracing(
                            clicker,
                            new Browser.StartTracingOptions()
                                    .setPath(Path.of(trace + "-" + n + ".json"))
                                    .setCategories(
                                            List.of("devtools.timeline", "disabled-by-default-devtools.timeline")));
        }
        double[] clickerTaskSeconds = taskSeconds(clickerCdp);
        long began = System.nanoTime();
        CpuMonitor cpu = CpuMonitor.start();
        LoadMeter meter = LoadMeter.start(busy);
        int resyncsBefore = RESYNCS.get();
        boolean capped = capOthers(othersIsolation, true);
        Clicks timed;
        try {
            timed = clicks(clicker, cfg.clicks(), cfg.clickBudgetSeconds(), cfg.pauseMs());
        } finally {
            if (capped) {
                capOthers(othersIsolation, false); // they catch up before the push check
            }
        }
        int resyncs = RESYNCS.get() - resyncsBefore;
        LoadMeter.Load load = meter.stop();
        double clickSeconds = (System.nanoTime() - began) / 1e9;
        Machine machine = new Machine(
                cpu.selfCores(),
                cpu.childrenCores(),
                cpu.othersCores(),
                (int) ProcessHandle.current().descendants().count(),
                CpuMonitor.childrenPssMb(),
                CpuMonitor.availableMemoryMb());
        if (!trace.isEmpty()) {
            clicker.context().browser().stopTracing();
        }
        String incomplete = timed.stoppedBy();
        String memory = null;
        Push push = null;
        if (incomplete == null) { // a page that timed out may not answer the DevTools protocol either
            if (!profile.isEmpty()) {
                try {
                    Files.writeString(
                            Path.of(profile + "-" + n + ".cpuprofile"),
                            clickerCdp.send("Profiler.stop").get("profile").toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            memory = String.format(
                    Locale.ROOT,
                    "%s; clicking page %s -> %s%s (before -> after the timed clicks, %.0f s)",
                    mainThread(clickerTaskSeconds, taskSecondsThenDetach(clickerCdp), clickSeconds),
                    clickerBefore.line(),
                    pageMemory(clicker).line(),
                    otherBefore == null
                            ? ""
                            : "; one other dashboard " + otherBefore.line() + " -> "
                                    + pageMemory(others.getFirst()).line(),
                    clickSeconds);
            try {
                push = pushCheck(app, clicker, others, timed.done(), resyncs);
            } catch (PlaywrightException e) {
                incomplete = "push check: " + firstLine(e);
            }
        }
        BenchMain.log(
                "%d other dashboards: %d timed clicks in %.0f s%s; app JVM %.2f cores, Chromium %.2f cores, others"
                        + " %.2f cores",
                n,
                timed.done().size(),
                clickSeconds,
                push == null ? "" : "; " + push.showingFinal() + "/" + n + " show " + push.finalState(),
                machine.appCores(),
                machine.browserCores(),
                machine.othersCores());
        if (incomplete != null) {
            BenchMain.log("%d other dashboards: stopped early: %s", n, incomplete);
        }
        List<Click> done = timed.done();
        List<Click> answered = done.stream().filter(c -> c.sent() >= 0).toList();
        long[] click = nanos(done, c -> c.dom() - c.t0());
        if (timed.timedOut()) {
            // The click whose state never showed counts as the time waited for it: a lower bound.
            click = LongStream.concat(Arrays.stream(click), LongStream.of(Math.round(CLICK_TIMEOUT_MS * 1e6)))
                    .toArray();
        }
        Latency latency = new Latency(
                click,
                nanos(done, c -> c.frame() - c.t0()),
                nanos(done, c -> c.handler() - c.t0()),
                nanos(answered, c -> c.sent() - c.t0()),
                nanos(answered, c -> c.dom() - c.sent()));
        return new Run(
                wanted,
                n,
                openSeconds,
                clickSeconds,
                click.length == 0 ? null : latency,
                machine,
                push,
                load,
                memory,
                shortfall,
                incomplete,
                click.length == 0 ? incomplete : null);
    }

    /** The timed clicks made, and why they stopped before {@code n} and the time budget, if they did. */
    private record Clicks(List<Click> done, @Nullable String stoppedBy, boolean timedOut) {}

    /**
     * Alternating clicks, starting with whichever button fits what the badge shows, until {@code n} or the time is up.
     * Stops early when a click's state does not show within the timeout, or when the machine runs short of memory (the
     * pages grow under push). The long jobs run on through the stops (they end only once the scheduler runs again), so
     * 9 of 10 workers stay busy as in the server-side bench; the result line says how many were. With {@code pauseMs > 0} the next click comes 0.5 to 1.5 times that
     * long after the previous one showed its state (a person reads the badge before clicking again); with 0 at once,
     * so that each click lands while the page still applies the previous one's changes.
     */
    private static Clicks clicks(Page page, int n, long budgetSeconds, int pauseMs) throws InterruptedException {
        long deadline = System.nanoTime() + budgetSeconds * 1_000_000_000L;
        java.util.Random pauses = new java.util.Random(42);
        List<Click> out = new ArrayList<>(n);
        boolean stop = !STOPPED_STATES.contains(badge(page));
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            if (i % 10 == 0) {
                long available = CpuMonitor.availableMemoryMb();
                if (available >= 0 && available < RESERVE_MB / 2) {
                    return new Clicks(
                            out,
                            "the machine is down to " + available + " MB MemAvailable after " + i
                                    + " clicks; stopped to leave memory to others",
                            false);
                }
            }
            try {
                out.add(stop ? click(page, "stop", STOPPED_STATES) : click(page, "start", STARTED_STATES));
            } catch (PlaywrightException e) {
                boolean timedOut = e instanceof TimeoutError;
                return new Clicks(
                        out,
                        "click " + (i + 1) + " (" + (stop ? "stop" : "start") + "): " + firstLine(e)
                                + (timedOut ? "; " + page.evaluate(STUCK) : ""),
                        timedOut);
            }
            stop = !stop;
            if (pauseMs > 0) {
                Thread.sleep(pauseMs / 2 + pauses.nextInt(pauseMs + 1));
            }
        }
        return new Clicks(out, null, false);
    }

    private static String badge(Page page) {
        return String.valueOf(
                inPage(page, "() => document.getElementById('scheduler-state')?.getAttribute('data-state')", null));
    }

    /**
     * Evaluates {@code script} in the page; {@code null} if the page is just reloading (a dropped tab that came back
     * reloads, and its old document goes away under the call).
     */
    private static @Nullable Object inPage(Page page, String script, @Nullable Object arg) {
        try {
            return page.evaluate(script, arg);
        } catch (PlaywrightException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("Execution context was destroyed") || why.contains("navigat")) {
                return null;
            }
            throw e;
        }
    }

    /**
     * One timed click, once the button is enabled: two calls into the page besides Playwright's click. The click is
     * real mouse input at the button's centre; {@code force} only skips Playwright's own waiting for the button to
     * be enabled and still (arm has waited for that), which takes a few round trips and frames per click.
     */
    private static Click click(Page page, String button, List<String> targets) {
        page.evaluate("args => window.__jdb.arm(args)", List.of(button, targets, CLICK_TIMEOUT_MS));
        page.locator("#" + button).click(new Locator.ClickOptions().setForce(true));
        Map<?, ?> r;
        try {
            r = (Map<?, ?>) page.evaluate("() => window.__jdb.finished");
        } catch (PlaywrightException e) {
            if (e.getMessage() != null && e.getMessage().contains("did not show its state in time")) {
                throw new TimeoutError("Timeout " + (long) CLICK_TIMEOUT_MS + " ms: " + firstLine(e));
            }
            throw e;
        }
        return new Click(
                button,
                num(r, "t0"),
                num(r, "dom"),
                num(r, "frame"),
                num(r, "handler"),
                num(r, "epoch"),
                num(r, "sent"));
    }

    /**
     * One more, untimed, stop; once the long jobs have drained every dashboard must show STOPPED. Then, for each timed
     * click and each other dashboard, the first change of its badge to the click's side (stopped or started) after
     * the click and before the next one. Pages of one browser share the machine's clock, so wall-clock times
     * ({@code timeOrigin + now()}) compare between them.
     */
    private static Push pushCheck(JobdeckApp app, Page clicker, List<Page> others, List<Click> clicks, int resyncs) {
        BenchJobs.holdThroughStandby = false; // the final stop drains
        if (!STOPPED_STATES.contains(badge(clicker))) {
            click(clicker, "stop", STOPPED_STATES);
        }
        String finalState = "STOPPED";
        clicker.waitForFunction(BADGE_IS, finalState, new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
        int visible = 0;
        for (Page page : others) {
            if ("visible".equals(inPage(page, "() => document.visibilityState", null))) {
                visible++;
            }
        }
        // Every page is asked in turn, round after round, so that one slow page does not use up the others' time;
        // long enough for pages that only get the CPU others leave (nice 19) to catch up once the clicking is over.
        List<Page> pending = new ArrayList<>(others);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(page -> finalState.equals(badge(page)));
            if (!pending.isEmpty()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        int showing = others.size() - pending.size();
        // A page that does not show the final state may still be honest: it says that it is not live (jobdeck-live.js).
        int notLive = (int) pending.stream()
                .filter(page -> Boolean.TRUE.equals(
                        inPage(page, "() => document.documentElement.hasAttribute('data-jobdeck-stale')", null)))
                .count();
        if (!pending.isEmpty()) {
            Map<String, Long> shown = pending.stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            BrowserClickBench::badge, java.util.stream.Collectors.counting()));
            io.jobdeck.ui.LiveUpdates live = app.context.getBean(io.jobdeck.ui.LiveUpdates.class);
            BenchMain.log(
                    "%d other dashboards still show %s 120 s after the final stop, %d of them marked as not live; the"
                            + " server follows %d views, %d of them without a push connection now; %d tabs dropped so"
                            + " far",
                    pending.size(), shown, notLive, live.followed(), live.withoutPush(), live.droppedTabs());
        }
        if (others.isEmpty() || clicks.isEmpty()) {
            return new Push(showing, notLive, visible, finalState, new long[0], 0, resyncs);
        }
        List<Long> delays = new ArrayList<>();
        double from = clicks.getFirst().epoch();
        for (Page page : others) {
            Object seen = inPage(page, "t => (window.__jdbSeen || []).filter(e => e[1] >= t)", from);
            List<?> log = seen instanceof List<?> list ? list : List.of();
            for (int i = 0; i < clicks.size(); i++) {
                Click c = clicks.get(i);
                double until = i + 1 < clicks.size() ? clicks.get(i + 1).epoch() : c.epoch() + TIMEOUT_MS;
                List<String> side = c.button().equals("stop") ? STOPPED_STATES : OTHERS_STARTED_STATES;
                for (Object o : log) {
                    List<?> e = (List<?>) o;
                    double at = ((Number) e.get(1)).doubleValue();
                    if (at > c.epoch() && at < until && side.contains(String.valueOf(e.get(0)))) {
                        delays.add(Math.round((at - c.epoch()) * 1e6));
                        break;
                    }
                }
            }
        }
        return new Push(
                showing,
                notLive,
                visible,
                finalState,
                delays.stream().mapToLong(Long::longValue).toArray(),
                (double) delays.size() / ((long) others.size() * clicks.size()),
                resyncs);
    }

    /** Seconds the page's main thread has spent so far: on tasks, scripts, layout and style (DevTools' metrics). */
    private static double[] taskSeconds(CDPSession cdp) {
        JsonObject metrics = cdp.send("Performance.getMetrics");
        double[] seconds = new double[MAIN_THREAD.size()];
        for (var metric : metrics.getAsJsonArray("metrics")) {
            JsonObject m = metric.getAsJsonObject();
            int i = MAIN_THREAD.indexOf(m.get("name").getAsString());
            if (i >= 0) {
                seconds[i] = m.get("value").getAsDouble();
            }
        }
        return seconds;
    }

    private static double[] taskSecondsThenDetach(CDPSession cdp) {
        try {
            return taskSeconds(cdp);
        } finally {
            cdp.detach();
        }
    }

    private static final List<String> MAIN_THREAD =
            List.of("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration");

    private static String mainThread(double[] before, double[] after, double wallSeconds) {
        double[] share = new double[before.length];
        for (int i = 0; i < share.length; i++) {
            share[i] = (after[i] - before[i]) / wallSeconds * 100;
        }
        return String.format(
                Locale.ROOT,
                "clicking page's main thread busy %.0f%% of the time (scripts %.0f%%, layout %.0f%%, style %.0f%%)",
                share[0],
                share[1],
                share[2],
                share[3]);
    }

    /** Elements by tag, shadow roots included, most first: what a page's DOM is made of. */
    private static final String CENSUS = """
            () => {
              const count = {};
              const walk = root => {
                for (const e of root.querySelectorAll('*')) {
                  count[e.localName] = (count[e.localName] || 0) + 1;
                  if (e.shadowRoot) walk(e.shadowRoot);
                }
              };
              walk(document);
              return Object.entries(count).sort((a, b) => b[1] - a[1]).slice(0, 15)
                  .map(([tag, n]) => tag + ' ' + n).join(', ');
            }
            """;

    /** Through the DevTools protocol: what is left after a full garbage collection, so growth means retention. */
    private static PageMemory pageMemory(Page page) {
        if (Knobs.bool("bench.browser.census")) {
            BenchMain.log("DOM census: %s", page.evaluate(CENSUS));
        }
        CDPSession cdp = page.context().newCDPSession(page);
        try {
            cdp.send("HeapProfiler.collectGarbage");
            JsonObject heap = cdp.send("Runtime.getHeapUsage");
            JsonObject dom = cdp.send("Memory.getDOMCounters");
            return new PageMemory(
                    heap.get("usedSize").getAsDouble() / (1 << 20),
                    dom.get("nodes").getAsLong(),
                    dom.get("jsEventListeners").getAsLong());
        } finally {
            cdp.detach();
        }
    }

    private static long[] nanos(List<Click> clicks, ToDoubleFunction<Click> ms) {
        return clicks.stream()
                .mapToLong(c -> Math.round(ms.applyAsDouble(c) * 1e6))
                .toArray();
    }

    private static double num(Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof Number n)) {
            throw new IllegalStateException("The page's stopwatch has no " + key + ": " + map);
        }
        return n.doubleValue();
    }

    /** The first line that says something: Playwright's messages start with "Error {" and a message='...' line. */
    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int quoted = m.indexOf("message='");
        if (quoted >= 0) {
            m = m.substring(quoted + "message='".length());
        }
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
