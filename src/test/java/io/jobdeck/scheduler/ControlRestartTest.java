package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ControlRestartTest {

    @Test
    void a_scheduler_stopped_by_an_operator_stays_stopped_after_a_restart() throws Exception {
        Path data = JobdeckApp.newDataDir();
        try (JobdeckApp first = JobdeckApp.start(data, Map.of("jobdeck.scheduler.auto-start", "true"))) {
            SchedulerControl control = first.bean(SchedulerControl.class);
            assertThat(settled(control)).isEqualTo(SchedulerState.RUNNING);
            As.call(Role.OPERATOR, () -> control.stop()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (JobdeckApp second = JobdeckApp.start(data, Map.of("jobdeck.scheduler.auto-start", "true"))) {
            assertThat(settled(second.bean(SchedulerControl.class))).isEqualTo(SchedulerState.STOPPED);
            As.call(Role.OPERATOR, () -> second.bean(SchedulerControl.class).start())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
        try (JobdeckApp third = JobdeckApp.start(data, Map.of("jobdeck.scheduler.auto-start", "false"))) {
            assertThat(settled(third.bean(SchedulerControl.class)))
                    .as("the operator's start wins over auto-start=false")
                    .isEqualTo(SchedulerState.RUNNING);
        }
    }

    @Test
    void auto_start_decides_on_a_fresh_install() throws Exception {
        try (JobdeckApp app =
                JobdeckApp.start(JobdeckApp.newDataDir(), Map.of("jobdeck.scheduler.auto-start", "false"))) {
            assertThat(settled(app.bean(SchedulerControl.class))).isEqualTo(SchedulerState.STOPPED);
        }
        try (JobdeckApp app =
                JobdeckApp.start(JobdeckApp.newDataDir(), Map.of("jobdeck.scheduler.auto-start", "true"))) {
            assertThat(settled(app.bean(SchedulerControl.class))).isEqualTo(SchedulerState.RUNNING);
        }
    }

    private static SchedulerState settled(SchedulerControl control) throws Exception {
        return control.settle().toCompletableFuture().get(10, TimeUnit.SECONDS).state();
    }
}
