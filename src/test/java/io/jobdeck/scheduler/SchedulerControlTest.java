package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.scheduler.internal.DesiredStateStore;
import io.jobdeck.security.Role;
import io.jobdeck.support.Subscription;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;

class SchedulerControlTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static JobdeckApp app;
    private static SchedulerControl control;
    private static SchedulerMonitor monitor;
    private static Scheduler scheduler;

    @BeforeAll
    static void startApp() {
        app = JobdeckApp.start(
                JobdeckApp.newDataDir(),
                Map.of(
                        "jobdeck.scheduler.auto-start", "false",
                        "jobdeck.scheduler.worker-threads", "4"));
        control = app.bean(SchedulerControl.class);
        monitor = app.bean(SchedulerMonitor.class);
        scheduler = app.bean(Scheduler.class);
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @BeforeEach
    void operator() {
        As.user(Role.OPERATOR);
    }

    @AfterEach
    void stopAndClear() throws Exception {
        LatchJob.LATCHES.values().forEach(CountDownLatch::countDown);
        control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> monitor.status().state() == SchedulerState.STOPPED);
        scheduler.deleteJobs(new ArrayList<>(scheduler.getJobKeys(GroupMatcher.anyJobGroup())));
        As.nobody();
    }

    @Test
    void ten_thousand_commands_from_fifty_threads_apply_in_arrival_order_and_the_last_one_wins() throws Exception {
        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Set<Thread> baselineThreads = liveThreads();

        List<Long> appliedOrder = new CopyOnWriteArrayList<>();
        Subscription recording = control.onApplied(r -> appliedOrder.add(r.sequence()));
        List<List<CompletableFuture<CommandResult>>> perCaller = new ArrayList<>();
        // Fifty operators' request threads, each with its own security context.
        ExecutorService callers = new DelegatingSecurityContextExecutorService(Executors.newFixedThreadPool(50));
        try {
            List<CompletableFuture<List<CompletableFuture<CommandResult>>>> submitted = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                submitted.add(CompletableFuture.supplyAsync(
                        () -> {
                            List<CompletableFuture<CommandResult>> mine = new ArrayList<>();
                            for (int i = 0; i < 200; i++) {
                                LifecycleCommand command =
                                        ThreadLocalRandom.current().nextBoolean()
                                                ? LifecycleCommand.START
                                                : LifecycleCommand.STOP;
                                mine.add(command.sendTo(control).toCompletableFuture());
                            }
                            return mine;
                        },
                        callers));
            }
            for (var f : submitted) {
                perCaller.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        List<CompletableFuture<CommandResult>> all =
                perCaller.stream().flatMap(List::stream).toList();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        List<CommandResult> results = all.stream().map(CompletableFuture::join).toList();
        recording.close();

        assertThat(results)
                .hasSize(10_000)
                .allSatisfy(r -> assertThat(r.succeeded()).isTrue());
        assertThat(results)
                .as("each command applied as asked, undisturbed by the others")
                .allSatisfy(r -> assertThat(r.status().state()).isEqualTo(stateAfter(r.command())));
        assertThat(results.stream().map(CommandResult::sequence).distinct()).hasSize(10_000);
        for (List<CompletableFuture<CommandResult>> caller : perCaller) {
            assertThat(caller.stream().map(f -> f.join().sequence()).toList())
                    .as("one caller's commands are applied in the order it sent them")
                    .isSorted();
        }

        CommandResult last = results.stream()
                .max(Comparator.comparingLong(CommandResult::sequence))
                .orElseThrow();
        assertThat(appliedOrder)
                .as("commands are applied strictly in arrival order (numbered on arrival)")
                .hasSize(10_000)
                .isSorted()
                .doesNotHaveDuplicates();
        control.saved(last.sequence()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(app.bean(DesiredStateStore.class)
                        .load(control.schedulerName())
                        .map(DesiredStateStore.Saved::running))
                .as("the saved choice is the last command's")
                .contains(last.command().wantsRunning());
        SchedulerState expected = stateAfter(last.command());
        await().atMost(PATIENCE).until(() -> monitor.status().state() == expected);
        assertThat(scheduler.isInStandbyMode()).isEqualTo(expected == SchedulerState.STOPPED);
        await("no thread is left behind")
                .atMost(PATIENCE)
                .untilAsserted(() -> assertThat(liveThreads())
                        // H2's own writer threads live as long as its database, not as long as the commands;
                        // Atmosphere's come from the push of other web apps started in this JVM by other tests.
                        .filteredOn(t -> !baselineThreads.contains(t)
                                && !t.getName().startsWith("awaitility")
                                && !t.getName().startsWith("H2-")
                                && !t.getName().startsWith("Atmosphere-"))
                        .isEmpty());
    }

    @Test
    void stop_returns_at_once_while_a_long_job_runs_and_reaches_stopped_when_the_job_ends() throws Exception {
        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        CountDownLatch latch = runLatchJob("long-job");
        await().atMost(PATIENCE).until(() -> monitor.status().runningJobs() == 1);

        CommandResult stopped = control.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(stopped.succeeded()).isTrue();
        assertThat(stopped.status().state()).isEqualTo(SchedulerState.STOPPING);
        assertThat(stopped.status().runningJobs()).isEqualTo(1);
        assertThat(scheduler.isInStandbyMode())
                .as("no new firing while draining")
                .isTrue();

        latch.countDown();
        await().atMost(PATIENCE).until(() -> monitor.status().state() == SchedulerState.STOPPED);
        assertThat(monitor.status().runningJobs()).isZero();
    }

    @Test
    void stop_and_interrupt_interrupts_the_running_job() throws Exception {
        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        runLatchJob("interrupted-job");
        await().atMost(PATIENCE).until(() -> monitor.status().runningJobs() == 1);

        control.stopAndInterrupt().toCompletableFuture().get(5, TimeUnit.SECONDS);

        await().atMost(PATIENCE).until(() -> monitor.status().state() == SchedulerState.STOPPED);
        assertThat(LatchJob.INTERRUPTED).containsEntry("interrupted-job", true);
    }

    @Test
    void a_job_that_keeps_its_interrupt_flag_leaves_the_embedded_database_working() throws Exception {
        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        runLatchJob("keeps-interrupt", true);
        await().atMost(PATIENCE).until(() -> monitor.status().runningJobs() == 1);

        // Quartz records the end of the run on the job's own thread, its interrupt flag still set.
        control.stopAndInterrupt().toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> monitor.status().state() == SchedulerState.STOPPED);
        assertThat(LatchJob.INTERRUPTED).containsEntry("keeps-interrupt", true);

        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        CountDownLatch next = runLatchJob("after-the-interrupt");
        await().atMost(PATIENCE).until(() -> TestJobs.isExecuting(scheduler, latchJobKey("after-the-interrupt")));
        next.countDown();
        await().during(Duration.ofSeconds(1))
                .atMost(PATIENCE)
                .until(() -> monitor.status().state() == SchedulerState.RUNNING);
    }

    @Test
    void start_works_again_after_stop_many_times_and_jobs_fire_after_each_start() throws Exception {
        for (int i = 0; i < 25; i++) {
            assertThat(control.start()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS)
                            .status()
                            .state())
                    .isEqualTo(SchedulerState.RUNNING);
            assertThat(control.stop()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS)
                            .status()
                            .state())
                    .isEqualTo(SchedulerState.STOPPED);
        }
        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        CountDownLatch latch = runLatchJob("after-restarts");
        await().atMost(PATIENCE).until(() -> monitor.status().firedSinceStart() >= 1);
        latch.countDown();
        assertThat(scheduler.isShutdown()).as("stop never shuts Quartz down").isFalse();
    }

    @Test
    void start_while_running_reports_success_and_changes_nothing() throws Exception {
        SchedulerStatus running =
                control.start().toCompletableFuture().get(10, TimeUnit.SECONDS).status();

        CommandResult again = control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(again.succeeded()).isTrue();
        assertThat(again.status().state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(again.status().since()).isEqualTo(running.since());
    }

    @Test
    void running_status_counts_jobs_triggers_and_busy_threads() throws Exception {
        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        CountDownLatch latch = runLatchJob("counted");

        await().atMost(PATIENCE).untilAsserted(() -> {
            SchedulerStatus status = monitor.status();
            assertThat(status.state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(status.runningJobs()).isEqualTo(1);
            assertThat(status.busyThreads()).isEqualTo(1);
            assertThat(status.poolSize()).isEqualTo(4);
            assertThat(status.jobCount()).isEqualTo(1);
            assertThat(status.firedSinceStart()).isEqualTo(1);
        });
        latch.countDown();
    }

    private static SchedulerState stateAfter(LifecycleCommand command) {
        return command == LifecycleCommand.START ? SchedulerState.RUNNING : SchedulerState.STOPPED;
    }

    private static final AtomicInteger jobNumber = new AtomicInteger();

    private static CountDownLatch runLatchJob(String name) throws Exception {
        return runLatchJob(name, false);
    }

    private static CountDownLatch runLatchJob(String name, boolean restoreInterrupt) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        LatchJob.LATCHES.put(name, latch);
        JobDetail job = JobBuilder.newJob(LatchJob.class)
                .withIdentity(JobKey.jobKey(name + "-" + jobNumber.incrementAndGet(), "test"))
                .usingJobData("latch", name)
                .usingJobData("restoreInterrupt", String.valueOf(restoreInterrupt))
                .build();
        LATEST_KEYS.put(name, job.getKey());
        scheduler.scheduleJob(
                job, TriggerBuilder.newTrigger().forJob(job).startNow().build());
        return latch;
    }

    private static final Map<String, JobKey> LATEST_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static JobKey latchJobKey(String name) {
        return LATEST_KEYS.get(name);
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .collect(Collectors.toSet());
    }
}
