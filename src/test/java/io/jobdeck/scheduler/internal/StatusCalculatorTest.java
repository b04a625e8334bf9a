package io.jobdeck.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.scheduler.StatusReason.Code;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The status as a pure function of what was observed, tested as a table. */
class StatusCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(5);
    private static final StoreHealth STORE_OK = StoreHealth.ok(3, 4, 0, T0);

    /** Running, healthy, one job executing: each row changes one thing. */
    static final class O {
        private boolean want = true;
        private @Nullable String drainedBy;
        private boolean starting;
        private @Nullable String failure;
        private boolean started = true;
        private boolean standby;
        private boolean shutdown;
        private boolean schedulerThread = true;
        private int workers = 10;
        private StoreHealth store = STORE_OK;
        private @Nullable String quartzError;
        private @Nullable String leaseLostTo;
        private @Nullable String notSaved;
        private long dropped;
        private int running = 1;

        static O healthy() {
            return new O();
        }

        Observation observation() {
            return new Observation(
                    want,
                    drainedBy,
                    starting,
                    failure,
                    started,
                    standby,
                    shutdown,
                    schedulerThread,
                    workers,
                    10,
                    store,
                    quartzError,
                    leaseLostTo,
                    notSaved,
                    dropped,
                    running,
                    42,
                    2);
        }

        O want(boolean v) {
            want = v;
            return this;
        }

        O drainedBy(String v) {
            drainedBy = v;
            return this;
        }

        O starting(boolean v) {
            starting = v;
            return this;
        }

        O failure(String v) {
            failure = v;
            return this;
        }

        O started(boolean v) {
            started = v;
            return this;
        }

        O standby(boolean v) {
            standby = v;
            return this;
        }

        O shutdown(boolean v) {
            shutdown = v;
            return this;
        }

        O schedulerThread(boolean v) {
            schedulerThread = v;
            return this;
        }

        O workers(int v) {
            workers = v;
            return this;
        }

        O store(StoreHealth v) {
            store = v;
            return this;
        }

        O quartzError(String v) {
            quartzError = v;
            return this;
        }

        O leaseLostTo(String v) {
            leaseLostTo = v;
            return this;
        }

        O notSaved(String v) {
            notSaved = v;
            return this;
        }

        O dropped(long v) {
            dropped = v;
            return this;
        }

        O running(int v) {
            running = v;
            return this;
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("healthy", o -> o, SchedulerState.RUNNING, null),
                row(
                        "store refuses",
                        o -> o.store(
                                STORE_OK.failing(StatusReason.of(Code.STORE_NOT_ANSWERING, "Connection refused"), T0)),
                        SchedulerState.DEGRADED,
                        Code.STORE_NOT_ANSWERING),
                row(
                        "store too slow",
                        o -> o.store(STORE_OK.failing(StatusReason.of(Code.STORE_TOO_SLOW, 2000), T0)),
                        SchedulerState.DEGRADED,
                        Code.STORE_TOO_SLOW),
                row(
                        "quartz in standby while asked to run",
                        o -> o.standby(true),
                        SchedulerState.DEGRADED,
                        Code.QUARTZ_NOT_FIRING),
                row(
                        "quartz never started while asked to run",
                        o -> o.started(false),
                        SchedulerState.DEGRADED,
                        Code.QUARTZ_NOT_FIRING),
                row(
                        "scheduler thread dead",
                        o -> o.schedulerThread(false),
                        SchedulerState.DEGRADED,
                        Code.SCHEDULER_THREAD_DEAD),
                row("3 workers dead", o -> o.workers(7), SchedulerState.DEGRADED, Code.WORKERS_DEAD),
                row(
                        "quartz reports an error",
                        o -> o.quartzError("Couldn't acquire next trigger"),
                        SchedulerState.DEGRADED,
                        Code.QUARTZ_ERROR),
                row(
                        "triggers overdue",
                        o -> o.store(StoreHealth.ok(3, 4, 2, T0)),
                        SchedulerState.DEGRADED,
                        Code.TRIGGERS_OVERDUE),
                row("a command failed", o -> o.failure("disk full"), SchedulerState.FAILED, Code.COMMAND_FAILED),
                row("quartz shut down", o -> o.shutdown(true), SchedulerState.FAILED, Code.QUARTZ_SHUT_DOWN),
                row("another node took over", o -> o.leaseLostTo("node-b"), SchedulerState.FAILED, Code.LEASE_LOST),
                row(
                        "a start being applied",
                        o -> o.starting(true).started(false).standby(true),
                        SchedulerState.STARTING,
                        null),
                row(
                        "stopped: standby, nothing runs",
                        o -> o.want(false).standby(true).running(0),
                        SchedulerState.STOPPED,
                        null),
                row(
                        "stopping: standby, jobs drain",
                        o -> o.want(false).standby(true).running(2),
                        SchedulerState.STOPPING,
                        null),
                row(
                        "asked to stop but quartz still fires",
                        o -> o.want(false).running(0),
                        SchedulerState.STOPPING,
                        Code.STOP_PENDING),
                row(
                        "a stop that failed",
                        o -> o.want(false).failure("standby failed").running(0),
                        SchedulerState.FAILED,
                        Code.COMMAND_FAILED),
                row(
                        "stopped with a dead store is still stopped",
                        o -> o.want(false)
                                .standby(true)
                                .running(0)
                                .store(STORE_OK.failing(StatusReason.of(Code.STORE_TOO_SLOW, 2000), T0)),
                        SchedulerState.STOPPED,
                        null),
                row(
                        "drained while the cluster runs: standby, nothing runs",
                        o -> o.drainedBy("operator").standby(true).running(0),
                        SchedulerState.STOPPED,
                        Code.DRAINED),
                row(
                        "drained while the cluster is stopped too",
                        o -> o.want(false).drainedBy("operator").standby(true).running(0),
                        SchedulerState.STOPPED,
                        Code.DRAINED),
                row(
                        "drained: standby, jobs drain",
                        o -> o.drainedBy("operator").standby(true).running(2),
                        SchedulerState.STOPPING,
                        Code.DRAINED),
                row(
                        "drained but quartz still fires",
                        o -> o.drainedBy("operator").running(0),
                        SchedulerState.STOPPING,
                        Code.STOP_PENDING),
                row(
                        "a choice not yet saved is a warning, not a state",
                        o -> o.notSaved("timeout"),
                        SchedulerState.RUNNING,
                        null));
    }

    private static Arguments row(String name, UnaryOperator<O> change, SchedulerState state, @Nullable Code reason) {
        return Arguments.of(name, change, state, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void state_and_reason_follow_from_what_is_observed(
            String name, UnaryOperator<O> change, SchedulerState state, @Nullable Code reason) {
        SchedulerStatus status = compute(change.apply(O.healthy()).observation());
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.reason() == null ? null : status.reason().code()).isEqualTo(reason);
    }

    @Test
    void a_drained_node_says_who_drained_it() {
        assertThat(compute(O.healthy()
                                .drainedBy("ops-anna")
                                .standby(true)
                                .running(0)
                                .observation())
                        .reason()
                        .text())
                .isEqualTo("This node is drained for maintenance by ops-anna: it stands by while the cluster runs");
    }

    @Test
    void reasons_carry_their_details() {
        assertThat(compute(O.healthy().workers(7).observation()).reason().text())
                .isEqualTo("Only 7 of 10 worker threads are alive");
        assertThat(compute(O.healthy()
                                .store(STORE_OK.failing(
                                        StatusReason.of(Code.STORE_NOT_ANSWERING, "Connection refused"), T0))
                                .observation())
                        .reason()
                        .text())
                .contains("Connection refused");
    }

    @Test
    void a_store_that_stops_answering_keeps_the_last_known_counts() {
        SchedulerStatus status = compute(O.healthy()
                .store(STORE_OK.failing(StatusReason.of(Code.STORE_TOO_SLOW, 2000), T1))
                .observation());
        assertThat(status.jobCount()).isEqualTo(3);
        assertThat(status.triggerCount()).isEqualTo(4);
    }

    @Test
    void warnings_list_an_unsaved_choice_and_dropped_events() {
        SchedulerStatus status =
                compute(O.healthy().notSaved("socket timeout").dropped(12).observation());
        assertThat(status.warnings())
                .extracting(StatusReason::code)
                .containsExactly(Code.CHOICE_NOT_SAVED, Code.EVENTS_DROPPED);
    }

    @Test
    void since_moves_only_when_the_state_changes() {
        SchedulerStatus first =
                StatusCalculator.compute("n", O.healthy().observation(), SchedulerStatus.initial("n", T0, 10), T0);
        SchedulerStatus same = StatusCalculator.compute("n", O.healthy().observation(), first, T1);
        SchedulerStatus stopped = StatusCalculator.compute(
                "n", O.healthy().want(false).standby(true).running(0).observation(), same, T1);
        assertThat(same.since()).isEqualTo(T0);
        assertThat(stopped.since()).isEqualTo(T1);
    }

    @Test
    void busy_threads_never_exceed_the_pool() {
        SchedulerStatus status = compute(O.healthy().running(12).observation());
        assertThat(status.busyThreads()).isEqualTo(10);
        assertThat(status.runningJobs()).isEqualTo(12);
    }

    private static SchedulerStatus compute(Observation o) {
        return StatusCalculator.compute("n", o, SchedulerStatus.initial("n", T0, 10), T1);
    }
}
