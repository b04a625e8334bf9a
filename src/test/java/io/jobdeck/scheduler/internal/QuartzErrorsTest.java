package io.jobdeck.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.quartz.JobPersistenceException;
import org.quartz.SchedulerException;

class QuartzErrorsTest {

    private final QuartzErrors errors = new QuartzErrors();

    @Test
    void a_failure_to_scan_for_triggers_stands_until_a_trigger_fires() {
        errors.reported(
                "An error occurred while scanning for the next triggers to fire.",
                new JobPersistenceException("Couldn't acquire next trigger: permission denied"));

        assertThat(errors.current()).contains("scanning for the next triggers").contains("permission denied");
        errors.fired();
        assertThat(errors.current()).isNull();
    }

    @Test
    void a_job_that_throws_is_its_own_outcome_not_a_scheduler_error() {
        errors.reported(
                "Job demo.flaky-sync threw an exception.",
                new SchedulerException("Job threw an unhandled exception.", new IllegalStateException("boom")));

        assertThat(errors.current()).isNull();
    }
}
