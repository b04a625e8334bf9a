package io.jobdeck.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * At a few hundred fires a second the recorder keeps up: every execution that ran is in the history, ended, and
 * nothing was lost (the benchmark, {@code BENCH_ONLY=recorder bench/run}, does the same at 1,000 a second for a minute).
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecorderKeepsUpTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final AtomicLong RUNS = new AtomicLong();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-recorder-test");
    }

    /** Counts its runs; nothing else. */
    public static class CountingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            RUNS.incrementAndGet();
        }
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    SchedulerControl control;

    @Autowired
    ExecutionHistory history;

    @Test
    void every_run_at_a_few_hundred_fires_a_second_is_recorded_as_ended_and_none_is_lost() throws Exception {
        for (int i = 0; i < 20; i++) { // each every 50 ms: 400 fires a second
            scheduler.scheduleJob(
                    newJob(CountingJob.class)
                            .withIdentity("count-" + i, "recorder")
                            .build(),
                    newTrigger()
                            .withIdentity("count-" + i, "recorder")
                            .startNow()
                            .withSchedule(simpleSchedule()
                                    .withIntervalInMilliseconds(50)
                                    .repeatForever()
                                    .withMisfireHandlingInstructionNextWithRemainingCount())
                            .build());
        }

        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(20, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(60)).until(() -> RUNS.get() >= 1_000);
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
        // Triggers acquired just before the stop still fire: wait until nothing has run for a moment.
        AtomicLong seen = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        scheduler.getCurrentlyExecutingJobs().isEmpty() && seen.getAndSet(RUNS.get()) == RUNS.get());
        history.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

        long ran = RUNS.get();
        assertThat(count(Set.of(JobOutcome.SUCCEEDED))).isEqualTo(ran);
        assertThat(count(Set.of(JobOutcome.RUNNING))).isZero();
        assertThat(history.health().lost()).isZero();
        As.nobody();
    }

    private long count(Set<JobOutcome> outcomes) throws Exception {
        ExecutionPage page = As.call(
                Role.VIEWER,
                () -> history.readPage(new ExecutionFilter("recorder", null, outcomes, null, null, null, null), 0, 1)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        assertThat(page.capped()).isFalse();
        return page.total();
    }
}
