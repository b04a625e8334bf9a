package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.scheduler.JobInterruptedException;
import io.jobdeck.scheduler.JobTimedOutException;
import io.jobdeck.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.JobExecutionContextImpl;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;

/**
 * What a finished execution's retry is, decided on Quartz's thread from what the execution holds: when it fires (the
 * end of the attempt, by a clock the test moves, plus the policy's wait), which run and attempt it is, and what it
 * carries; and which executions get none.
 */
class RetrySchedulerTest {

    private final MutableClock clock = new MutableClock();

    private static JobExecutionContext execution(
            RetryPolicy policy, String fireId, Map<String, String> triggerData, int priority) {
        JobDetail job = JobBuilder.newJob(Job.class)
                .withIdentity("sync", "ops")
                .usingJobData(new JobDataMap(policy.toData()))
                .usingJobData("url", "https://example.com")
                .build();
        OperableTrigger trigger = (OperableTrigger) TriggerBuilder.newTrigger()
                .withIdentity("sync", "ops")
                .forJob(job)
                .withPriority(priority)
                .usingJobData(new JobDataMap(triggerData))
                .build();
        trigger.setFireInstanceId(fireId);
        Date now = new Date();
        return new JobExecutionContextImpl(
                null, new TriggerFiredBundle(job, trigger, null, false, now, now, null, null), (Job) context -> {});
    }

    private Optional<Trigger> retry(JobExecutionContext execution, @Nullable JobExecutionException error) {
        return RetryScheduler.retry(execution, error, clock.instant(), new SplittableRandom(1));
    }

    private static final JobExecutionException FAILURE =
            new JobExecutionException(new java.net.ConnectException("Connection refused"));

    @Test
    void a_failed_first_attempt_is_fired_again_after_the_policys_wait_as_attempt_two_of_its_run() {
        RetryPolicy policy = RetryPolicy.exponential(3, Duration.ofMillis(200), null);
        clock.advance(Duration.ofMinutes(3));
        Instant ended = clock.instant();

        Trigger retry = retry(execution(policy, "fire-1", Map.of("day", "monday", "jobdeck.zone", "UTC"), 7), FAILURE)
                .orElseThrow();

        assertThat(retry.getStartTime().toInstant())
                .isEqualTo(ended.plusMillis(200).truncatedTo(ChronoUnit.MILLIS));
        assertThat(retry.getJobKey().toString()).isEqualTo("ops.sync");
        assertThat(retry.getPriority()).isEqualTo(7);
        assertThat(QuartzTriggers.defines(retry))
                .as("not part of the job's definition")
                .isFalse();
        assertThat(retry.getJobDataMap().getWrappedMap())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("day", "monday", RunAttempt.RUN_KEY, "fire-1", RunAttempt.ATTEMPT, "2"));
    }

    @Test
    void a_retry_that_fails_again_waits_twice_as_long_and_keeps_its_runs_key() {
        RetryPolicy policy = RetryPolicy.exponential(3, Duration.ofMillis(200), null);
        Map<String, String> second = Map.of(RunAttempt.RUN_KEY, "fire-1", RunAttempt.ATTEMPT, "2", "day", "monday");

        Trigger retry = retry(execution(policy, "fire-2", second, 5), FAILURE).orElseThrow();

        assertThat(retry.getStartTime().toInstant())
                .isEqualTo(clock.instant().plusMillis(400).truncatedTo(ChronoUnit.MILLIS));
        assertThat(RunAttempt.of("fire-3", retry.getJobDataMap())).isEqualTo(new RunAttempt("fire-1", 3));
        assertThat(retry.getJobDataMap()).containsEntry("day", "monday");
    }

    @Test
    void the_last_attempt_is_not_retried() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(1));
        Map<String, String> third = Map.of(RunAttempt.RUN_KEY, "fire-1", RunAttempt.ATTEMPT, "3");

        assertThat(retry(execution(policy, "fire-3", third, 5), FAILURE)).isEmpty();
    }

    @Test
    void a_success_an_interruption_and_a_job_without_a_policy_are_not_retried() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(1));

        assertThat(retry(execution(policy, "f", Map.of(), 5), null)).isEmpty();
        assertThat(retry(execution(policy, "f", Map.of(), 5), new JobInterruptedException("stopped")))
                .isEmpty();
        assertThat(retry(execution(RetryPolicy.NONE, "f", Map.of(), 5), FAILURE))
                .isEmpty();
    }

    @Test
    void a_timeout_is_retried_only_when_the_policy_says_so() {
        RetryPolicy failures =
                RetryPolicy.fixed(3, Duration.ofSeconds(1)).only(EnumSet.of(RetryPolicy.Failure.FAILED), "");
        RetryPolicy timeouts = failures.only(EnumSet.of(RetryPolicy.Failure.TIMED_OUT), "");
        JobTimedOutException timedOut = new JobTimedOutException("took longer than 5 s");

        assertThat(retry(execution(failures, "f", Map.of(), 5), timedOut)).isEmpty();
        assertThat(retry(execution(timeouts, "f", Map.of(), 5), timedOut)).isPresent();
        assertThat(retry(execution(timeouts, "f", Map.of(), 5), FAILURE)).isEmpty();
    }

    @Test
    void an_error_text_matches_the_exception_class_or_message_of_any_cause() {
        RetryPolicy connection = RetryPolicy.fixed(2, Duration.ofSeconds(1))
                .only(EnumSet.allOf(RetryPolicy.Failure.class), "ConnectException");
        RetryPolicy refused = connection.only(connection.failures(), "refused");
        RetryPolicy other = connection.only(connection.failures(), "SQLException");

        assertThat(retry(execution(connection, "f", Map.of(), 5), FAILURE)).isPresent();
        assertThat(retry(execution(refused, "f", Map.of(), 5), FAILURE)).isPresent();
        assertThat(retry(execution(other, "f", Map.of(), 5), FAILURE)).isEmpty();
    }

    @Test
    void jitter_moves_the_fire_time_within_its_bounds_by_the_random_source() {
        RetryPolicy policy = RetryPolicy.fixed(2, Duration.ofSeconds(10)).withJitter(10);
        Map<Instant, Integer> seen = new HashMap<>();

        for (int i = 0; i < 200; i++) {
            Trigger retry = RetryScheduler.retry(
                            execution(policy, "f", Map.of(), 5), FAILURE, clock.instant(), new SplittableRandom(i))
                    .orElseThrow();
            seen.merge(retry.getStartTime().toInstant(), 1, Integer::sum);
        }

        assertThat(seen.keySet())
                .allSatisfy(at -> assertThat(at)
                        .isBetween(
                                clock.instant().plusSeconds(9), clock.instant().plusSeconds(11)));
        assertThat(seen).hasSizeGreaterThan(100);
    }

    @Test
    void run_now_parameters_cannot_pass_a_run_off_as_another_runs_retry() {
        RunParameters.Parsed parsed = RunParameters.parse("jobdeck.run=fire-1\njobdeck.attempt=2\nday=monday");

        assertThat(parsed.values()).isEmpty();
        assertThat(parsed.problems())
                .extracting(RunParameters.Problem::code, p -> p.args().get(1))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reserved", "jobdeck.run"),
                        org.assertj.core.groups.Tuple.tuple("reserved", "jobdeck.attempt"));
    }

    @Test
    void a_retry_the_store_refuses_is_counted_with_its_reason_for_the_dashboard() throws Exception {
        java.util.Properties ram = new java.util.Properties();
        ram.setProperty("org.quartz.scheduler.instanceName", "retry-health-test");
        ram.setProperty("org.quartz.threadPool.threadCount", "1");
        ram.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        org.quartz.Scheduler scheduler = new org.quartz.impl.StdSchedulerFactory(ram).getScheduler();
        RetryScheduler retries = new RetryScheduler(scheduler, org.mockito.Mockito.mock(StoredCatalog.class), clock);
        try {
            JobExecutionContext execution = execution(RetryPolicy.fixed(3, Duration.ofMinutes(1)), "f-1", Map.of(), 5);
            scheduler.addJob(execution.getJobDetail(), true, true);
            Trigger trigger = retry(execution, FAILURE).orElseThrow();
            retries.store(trigger);
            assertThat(retries.health().notScheduled()).as("stored").isZero();

            retries.store(trigger); // the same key again: the store refuses it

            assertThat(retries.health().notScheduled()).isEqualTo(1);
            assertThat(retries.health().lastError()).contains("already exists");
        } finally {
            retries.destroy();
            scheduler.shutdown();
        }
    }
}
