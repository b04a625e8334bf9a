package io.jobdeck.bench;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.scheduler.DrainResult;
import io.jobdeck.support.Subscription;
import io.jobdeck.testing.Postgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.quartz.JobKey;
import org.quartz.Scheduler;

/**
 * Cross-node event latency: jobs fire on node B, and node A's event hub hands their start to its subscribers (which is
 * what node A's dashboards get, within their own refresh). Both nodes run in this JVM on one embedded PostgreSQL, so
 * they share a clock: the latency is node A's delivery time minus the fire time Quartz gave the execution on node B.
 * Node A stays in standby, so every fire is node B's. The notifications on {@code jobdeck_events} are counted by a
 * listener of the bench's own.
 */
final class ClusterEventsBench {

    record Config(List<Integer> rates, int seconds, int warmupSeconds, int workerThreads) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "rates %s fires/s, %d s measured after %d s warm-up each, %d workers on node B",
                    rates,
                    seconds,
                    warmupSeconds,
                    workerThreads);
        }
    }

    record Result(int offeredRate, double firesPerSecond, Stats latency, double notificationsPerSecond, long lost) {}

    private ClusterEventsBench() {}

    static List<Result> run(Config cfg) throws Exception {
        List<Result> results = new ArrayList<>();
        try (Postgres postgres = Postgres.start()) {
            List<String> args = new ArrayList<>();
            postgres.datasource().forEach((k, v) -> args.add("--" + k + "=" + v));
            args.add("--jobdeck.cluster.enabled=true");
            try (JobdeckApp a = boot(cfg, args, "node-a");
                    JobdeckApp b = boot(cfg, args, "node-b")) {
                // Starting node B starts the whole cluster: node A, drained first, stands by, so every fire is B's.
                DrainResult drained =
                        a.control.drain("node-a").toCompletableFuture().get(30, TimeUnit.SECONDS);
                if (!drained.succeeded()) {
                    throw new IllegalStateException("node-a could not be drained: " + drained);
                }
                b.startAndWait();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (a.scheduler.isStarted() && !a.scheduler.isInStandbyMode()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("drained node-a still fires");
                    }
                    Thread.sleep(50);
                }
                String nodeB = b.context.getBean(NodeIdentity.class).id();
                for (int rate : cfg.rates()) {
                    results.add(measure(cfg, postgres, a, b.scheduler, nodeB, rate));
                }
                b.stopAndWait();
            }
        }
        return results;
    }

    private static JobdeckApp boot(Config cfg, List<String> args, String name) throws Exception {
        List<String> all = new ArrayList<>(args);
        all.add("--jobdeck.cluster.node-name=" + name);
        return JobdeckApp.boot(cfg.workerThreads(), all.toArray(String[]::new));
    }

    private static Result measure(Config cfg, Postgres postgres, JobdeckApp a, Scheduler onB, String nodeB, int rate)
            throws Exception {
        // Triggers every 100 ms: as many as the rate needs.
        int triggers = Math.max(1, rate / 10);
        List<JobKey> jobs = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            JobKey key = JobKey.jobKey("events-" + rate + "-" + i, "bench");
            onB.scheduleJob(
                    newJob(BenchJobs.NoopJob.class).withIdentity(key).build(),
                    newTrigger()
                            .withIdentity("t-" + key.getName(), "bench")
                            .startNow()
                            .withSchedule(simpleSchedule()
                                    .withIntervalInMilliseconds(100)
                                    .repeatForever()
                                    .withMisfireHandlingInstructionNextWithRemainingCount())
                            .build());
            jobs.add(key);
        }
        EventHub hubA = a.context.getBean(EventHub.class);
        AtomicBoolean measuring = new AtomicBoolean();
        long[] samples = new long[Math.max(1_000, rate * cfg.seconds() * 2)];
        AtomicLong count = new AtomicLong();
        Subscription subscription = hubA.subscribe(batch -> {
            if (!measuring.get()) {
                return;
            }
            long now = System.currentTimeMillis();
            for (SchedulerEvent event : batch.events()) {
                if (event instanceof SchedulerEvent.JobStarted s && s.node().equals(nodeB)) {
                    long i = count.getAndIncrement();
                    if (i < samples.length) {
                        samples[(int) i] = (now - s.firedAt().toEpochMilli()) * 1_000_000L;
                    }
                }
            }
        });
        AtomicLong notifications = new AtomicLong();
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread listener = Thread.ofPlatform().name("bench-events-listen").start(() -> {
            try (Connection c = postgres.connection();
                    Statement s = c.createStatement()) {
                s.execute("LISTEN jobdeck_events");
                PGConnection pg = c.unwrap(PGConnection.class);
                while (listening.get()) {
                    PGNotification[] got = pg.getNotifications(100);
                    if (got != null && measuring.get()) {
                        for (PGNotification n : got) {
                            // Node B's: gzipped ones are Base64 (node A, in standby, sends only small plain ones).
                            if (n.getParameter().startsWith("z")
                                    || n.getParameter().contains(nodeB)) {
                                notifications.incrementAndGet();
                            }
                        }
                    }
                }
            } catch (Exception e) {
                System.err.println("bench: event listener failed: " + e);
            }
        });
        try {
            Thread.sleep(cfg.warmupSeconds() * 1_000L);
            long lostBefore = hubA.droppedTotal();
            long began = System.nanoTime();
            measuring.set(true);
            Thread.sleep(cfg.seconds() * 1_000L);
            measuring.set(false);
            double seconds = (System.nanoTime() - began) / 1e9;
            int n = (int) Math.min(count.get(), samples.length);
            long[] measured = java.util.Arrays.copyOf(samples, n);
            return new Result(
                    rate,
                    count.get() / seconds,
                    Stats.of(measured.length == 0 ? new long[] {0} : measured),
                    notifications.get() / seconds,
                    hubA.droppedTotal() - lostBefore);
        } finally {
            subscription.close();
            listening.set(false);
            listener.join(5_000);
            onB.deleteJobs(jobs);
        }
    }

    static List<String> lines(Config cfg, List<Result> results) {
        List<String> out = new ArrayList<>();
        for (Result r : results) {
            out.add(String.format(
                    Locale.ROOT,
                    "cluster events at %d fires/s offered (%.0f/s fired on node B): fire on B -> A's hub subscribers"
                            + " %s; %.1f notifications/s; events lost %d; p99 goal < 1000 ms: %s",
                    r.offeredRate(),
                    r.firesPerSecond(),
                    r.latency().line(),
                    r.notificationsPerSecond(),
                    r.lost(),
                    r.latency().p99Ms() < 1000 ? "PASS" : "FAIL"));
        }
        out.add("  two nodes in one JVM (one clock) on embedded PostgreSQL 18, " + cfg.describe() + "; "
                + BenchMain.loadAverage());
        return out;
    }
}
