package io.jobdeck.bench;

import io.jobdeck.Application;
import io.jobdeck.scheduler.CommandResult;
import io.jobdeck.scheduler.SchedulerControl;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.quartz.Scheduler;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The real Jobdeck application context, booted in-process on a fresh H2 file database (or on the database given as
 * {@code --spring.datasource.url=...} in the extra arguments).
 */
final class JobdeckApp implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final Scheduler scheduler;
    final SchedulerControl control;
    private final Path dataDir;

    private JobdeckApp(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
        this.scheduler = context.getBean(Scheduler.class);
        this.control = context.getBean(SchedulerControl.class);
    }

    static JobdeckApp boot(int workerThreads, String... extraArgs) throws Exception {
        Path dir = TempDirs.create("jobdeck-app");
        // Command-line arguments, not SpringApplicationBuilder.properties(): those are defaults, and
        // application.yaml would override them (and point the app at ./data).
        ConfigurableApplicationContext ctx;
        try {
            ctx = new SpringApplicationBuilder(Application.class)
                    .web(WebApplicationType.SERVLET)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .run(args(dir, workerThreads, extraArgs));
        } catch (RuntimeException e) {
            TempDirs.delete(dir);
            throw e;
        }
        String url = ctx.getEnvironment().getProperty("spring.datasource.url", "");
        boolean asked = java.util.Arrays.stream(extraArgs).anyMatch(a -> a.equals("--spring.datasource.url=" + url));
        if (!url.contains(dir.toString()) && !asked) {
            ctx.close();
            TempDirs.delete(dir);
            throw new IllegalStateException("The app is not on the benchmark's own database: " + url);
        }
        actAsOperator();
        return new JobdeckApp(ctx, dir);
    }

    /**
     * Commands go through the same role check as the dashboard's buttons, so the bench clicks as an operator. Set
     * after startup: the app installs Vaadin's security-context strategy while it starts.
     */
    private static void actAsOperator() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "bench-operator", "n/a", AuthorityUtils.createAuthorityList("ROLE_VIEWER", "ROLE_OPERATOR")));
    }

    private static String[] args(Path dir, int workerThreads, String... extraArgs) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--jobdeck.data-dir=" + dir,
                "--jobdeck.demo.enabled=false",
                "--jobdeck.scheduler.auto-start=false",
                "--jobdeck.scheduler.worker-threads=" + workerThreads,
                // Long load jobs are interruptible; don't wait 30 s for them when the context closes.
                "--jobdeck.scheduler.shutdown-timeout=1s",
                "--spring.main.banner-mode=off",
                // The whole app, with its security and Vaadin wiring, on a random port.
                "--server.port=0",
                "--vaadin.devmode.devTools.enabled=false"));
        args.addAll(java.util.List.of(extraArgs));
        // For trying a configuration change without editing the app, e.g.
        // BENCH_APP_ARGS="--spring.quartz.properties.org.quartz.jobStore.lockHandler.class=..." bench/run
        String more = Knobs.str("bench.app.args", "");
        if (!more.isEmpty()) {
            args.addAll(java.util.List.of(more.split("\\s+")));
        }
        return args.toArray(String[]::new);
    }

    /** The HTTP port the app listens on (the bench boots it on a random one). */
    int port() {
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null || port <= 0) {
            throw new IllegalStateException("The app's HTTP port is unknown");
        }
        return port;
    }

    /** Starts firing the way the dashboard does, and waits until the command was applied. */
    void startAndWait() throws Exception {
        CommandResult r = control.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (!r.succeeded() || !scheduler.isStarted() || scheduler.isInStandbyMode()) {
            throw new IllegalStateException("Jobdeck did not start: " + r);
        }
    }

    /** Stops firing the way the dashboard does (running jobs finish), and waits until the command was applied. */
    void stopAndWait() throws Exception {
        CommandResult r = control.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (!r.succeeded() || !scheduler.isInStandbyMode()) {
            throw new IllegalStateException("Jobdeck did not stop: " + r);
        }
    }

    /**
     * Stops firing through the app, then waits until nothing has run for a moment before closing the context:
     * triggers the scheduler thread had already acquired still fire just after standby, and if the context closed
     * under them their completion would hit a shut-down job store (ERROR logs, rows left in QRTZ_FIRED_TRIGGERS).
     */
    @Override
    public void close() {
        try {
            control.stopAndInterrupt().toCompletableFuture().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - quietSince < 300_000_000L) {
                if (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
                    quietSince = System.nanoTime();
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("bench: could not stop Jobdeck cleanly: " + e);
        } finally {
            context.close();
            TempDirs.delete(dataDir);
        }
    }
}
