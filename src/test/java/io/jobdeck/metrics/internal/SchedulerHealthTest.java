package io.jobdeck.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.scheduler.StatusReason;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The scheduler's health as a table: each state, with or without a reason, and what monitoring is told. */
class SchedulerHealthTest {

    static final Instant SINCE = Instant.parse("2026-12-07T03:00:00Z");

    @ParameterizedTest(name = "{0} ({1}) is {2}")
    @CsvSource(nullValues = "-", textBlock = """
            # state,  reason,              health
            RUNNING,  -,                   UP
            STOPPED,  -,                   UP
            STARTING, -,                   UP
            STOPPING, STOP_PENDING,        UP
            DEGRADED, STORE_NOT_ANSWERING, OUT_OF_SERVICE
            DEGRADED, WORKERS_DEAD,        OUT_OF_SERVICE
            FAILED,   COMMAND_FAILED,      DOWN
            FAILED,   QUARTZ_SHUT_DOWN,    DOWN
            """)
    void each_state_maps_to_its_health_with_the_reason_in_the_details(
            SchedulerState state, StatusReason.@Nullable Code reason, String expected) {
        StatusReason why = reason == null ? null : StatusReason.of(reason, "connection refused", "10");
        SchedulerStatus status = new SchedulerStatus("node-1", state, SINCE, why, List.of(), 2, 3, 10, 5, 6, 100, 7);

        Health health = SchedulerHealth.of(status);

        assertThat(health.getStatus()).isEqualTo(new Status(expected));
        assertThat(health.getDetails())
                .containsEntry("state", state)
                .containsEntry("since", SINCE)
                .containsEntry("node", "node-1")
                .containsEntry("runningJobs", 2)
                .containsEntry("busyWorkers", 3)
                .containsEntry("poolSize", 10);
        if (why == null) {
            assertThat(health.getDetails()).doesNotContainKey("reason");
        } else {
            assertThat(health.getDetails()).containsEntry("reason", why.text());
        }
    }
}
