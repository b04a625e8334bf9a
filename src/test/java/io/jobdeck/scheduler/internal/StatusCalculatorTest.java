package io.jobdeck.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(5);
    private static final StoreHealth STORE_OK = StoreHealth.ok(3, 4, T0);

    @Test
    void running_only_while_quartz_fires_its_threads_live_and_the_store_answers() {
        assertThat(state(healthy())).isEqualTo(SchedulerState.RUNNING);
    }

    @Test
    void a_store_that_does_not_answer_makes_it_degraded_with_the_reason() {
        SchedulerStatus status = compute(observation(true, false, null, true, false, true, 10,
                StoreHealth.failing("Connection refused", STORE_OK, T0), 0));
        assertThat(status.state()).isEqualTo(SchedulerState.DEGRADED);
        assertThat(status.reason()).contains("Connection refused");
        assertThat(status.jobCount()).as("last known counts are kept").isEqualTo(3);
    }

    @Test
    void dead_worker_threads_make_it_degraded() {
        SchedulerStatus status = compute(observation(true, false, null, true, false, true, 7, STORE_OK, 0));
        assertThat(status.state()).isEqualTo(SchedulerState.DEGRADED);
        assertThat(status.reason()).isEqualTo("Only 7 of 10 worker threads are alive");
    }

    @Test
    void a_dead_scheduler_thread_makes_it_degraded() {
        assertThat(state(observation(true, false, null, true, false, false, 10, STORE_OK, 0)))
                .isEqualTo(SchedulerState.DEGRADED);
    }

    @Test
    void quartz_in_standby_while_asked_to_run_is_degraded_not_running() {
        assertThat(state(observation(true, false, null, true, true, true, 10, STORE_OK, 0)))
                .isEqualTo(SchedulerState.DEGRADED);
    }

    @Test
    void stopping_while_jobs_drain_then_stopped() {
        assertThat(state(observation(false, false, null, true, true, true, 10, STORE_OK, 2)))
                .isEqualTo(SchedulerState.STOPPING);
        assertThat(state(observation(false, false, null, true, true, true, 10, STORE_OK, 0)))
                .isEqualTo(SchedulerState.STOPPED);
    }

    @Test
    void a_failed_command_is_failed_with_its_reason() {
        SchedulerStatus status = compute(observation(true, false, "Start failed: disk full", false, true, true, 10,
                STORE_OK, 0));
        assertThat(status.state()).isEqualTo(SchedulerState.FAILED);
        assertThat(status.reason()).isEqualTo("Start failed: disk full");
    }

    @Test
    void starting_is_shown_while_a_start_is_applied() {
        assertThat(state(observation(true, true, null, false, true, true, 10, STORE_OK, 0)))
                .isEqualTo(SchedulerState.STARTING);
    }

    @Test
    void since_moves_only_when_the_state_changes() {
        SchedulerStatus first = StatusCalculator.compute(healthy(), SchedulerStatus.initial(T0, 10), T0);
        SchedulerStatus same = StatusCalculator.compute(healthy(), first, T1);
        SchedulerStatus stopped = StatusCalculator.compute(
                observation(false, false, null, true, true, true, 10, STORE_OK, 0), same, T1);
        assertThat(same.since()).isEqualTo(T0);
        assertThat(stopped.since()).isEqualTo(T1);
    }

    @Test
    void busy_threads_never_exceed_the_pool() {
        SchedulerStatus status = compute(observation(true, false, null, true, false, true, 10, STORE_OK, 12));
        assertThat(status.busyThreads()).isEqualTo(10);
        assertThat(status.runningJobs()).isEqualTo(12);
    }

    private static Observation healthy() {
        return observation(true, false, null, true, false, true, 10, STORE_OK, 1);
    }

    private static SchedulerState state(Observation o) {
        return compute(o).state();
    }

    private static SchedulerStatus compute(Observation o) {
        return StatusCalculator.compute(o, SchedulerStatus.initial(T0, 10), T1);
    }

    private static Observation observation(boolean want, boolean starting, @Nullable String failure, boolean started,
            boolean standby, boolean schedulerThread, int workers, StoreHealth store, int running) {
        return new Observation(want, starting, failure, started, standby, false, schedulerThread, workers, 10, store,
                running, 42, 2);
    }
}
