package io.jobdeck.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Settings that cannot work stop the application at once, with one clear message that names the setting, before any
 * worker thread exists; and a second Jobdeck on the same data directory or the same database refuses to start while
 * the first keeps running unharmed.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "jobdeck.scheduler.worker-threads, 100000, 'must be less than or equal to 500 (allowed: 1 to 500)'",
        "jobdeck.scheduler.worker-threads, 0, 'must be greater than or equal to 1 (allowed: 1 to 500)'",
        "jobdeck.scheduler.probe-interval, 0s, 'must be longer than or equal to 100 millis (allowed: 100ms to 1m)'",
        "jobdeck.scheduler.probe-timeout, 2h, 'must be shorter than or equal to 1 minute (allowed: 100ms to 1m)'",
        "jobdeck.scheduler.shutdown-timeout, -5s, 'must be longer than or equal to 0 (allowed: 0s to 1h)'",
        "jobdeck.database.query-timeout, 0s, 'must be longer than or equal to 1 second (allowed: 1s to 30m)'"
    })
    void a_setting_out_of_range_stops_the_app_with_a_message_naming_it_and_its_range(
            String setting, String value, String reason, CapturedOutput output) {
        Set<Thread> before = JobdeckApp.schedulerThreads();
        long started = System.nanoTime();

        assertThatThrownBy(() -> JobdeckApp.start(JobdeckApp.newDataDir(), Map.of(setting, value)))
                .isInstanceOf(RuntimeException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid setting:\n    " + setting + " = " + value + " (from \"" + setting
                        + "\" from property" + " source \"commandLineArgs\"): " + reason)
                .contains("Change " + setting + " (see the Configuration table in README.md).");
        assertThat(JobdeckApp.schedulerThreads())
                .as("no worker or scheduler thread was made")
                .allMatch(before::contains);
    }

    @Test
    void a_data_directory_that_is_not_a_writable_folder_stops_the_app_with_a_clear_message(CapturedOutput output)
            throws Exception {
        Path file = Files.createTempFile("jobdeck-not-a-folder", ".txt");

        assertThatThrownBy(() -> JobdeckApp.start(file, Map.of())).isInstanceOf(RuntimeException.class);

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("(jobdeck.data-dir)")
                .contains("Point jobdeck.data-dir (JOBDECK_DATA_DIR) at a folder Jobdeck may write to.");
    }

    @Test
    void a_second_jobdeck_on_the_same_data_directory_refuses_and_the_first_runs_on(CapturedOutput output) {
        Path data = JobdeckApp.newDataDir();
        try (JobdeckApp first = JobdeckApp.start(data, Map.of("jobdeck.scheduler.auto-start", true))) {
            SchedulerMonitor monitor = first.bean(SchedulerMonitor.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status().state() == SchedulerState.RUNNING);

            assertThatThrownBy(() -> JobdeckApp.start(data, Map.of())).isInstanceOf(RuntimeException.class);

            assertThat(output.getAll()).contains("Another Jobdeck is already running on the data directory");
            long checkedAt = monitor.status().since().toEpochMilli();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> monitor.status().state() == SchedulerState.RUNNING
                            && first.bean(io.jobdeck.scheduler.internal.StoreProbe.class)
                                            .health()
                                            .checkedAt()
                                            .toEpochMilli()
                                    > checkedAt);
            assertThat(monitor.status().reason()).isNull();
        }
    }

    @Test
    void a_second_node_on_the_same_postgresql_database_refuses_and_the_first_keeps_firing(CapturedOutput output)
            throws Exception {
        try (Postgres postgres = Postgres.start()) {
            Map<String, Object> settings = new LinkedHashMap<>(postgres.datasource());
            settings.put("jobdeck.demo.enabled", true);
            settings.put("jobdeck.scheduler.auto-start", true);
            try (JobdeckApp first = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                SchedulerMonitor monitor = first.bean(SchedulerMonitor.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING
                                && monitor.status().firedSinceStart() > 0);

                assertThatThrownBy(() -> JobdeckApp.start(JobdeckApp.newDataDir(), settings))
                        .isInstanceOf(RuntimeException.class);

                assertThat(output.getAll())
                        .contains("APPLICATION FAILED TO START")
                        .contains("Another Jobdeck node is running the scheduler 'jobdeck' on this database");
                long fired = monitor.status().firedSinceStart();
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> monitor.status().firedSinceStart() > fired);
                assertThat(monitor.status().state()).isEqualTo(SchedulerState.RUNNING);
            }
            // Once the first node has stopped, a new one starts at once (the lease was released).
            Map<String, Object> again = new LinkedHashMap<>(postgres.datasource());
            try (JobdeckApp next = JobdeckApp.start(JobdeckApp.newDataDir(), again)) {
                assertThat(next.bean(SchedulerMonitor.class).status()).isNotNull();
            }
        }
    }

    @Test
    void a_cluster_on_the_embedded_h2_database_is_refused_with_one_clear_message(CapturedOutput output) {
        Set<Thread> before = JobdeckApp.schedulerThreads();

        assertThatThrownBy(() -> JobdeckApp.start(JobdeckApp.newDataDir(), Map.of("jobdeck.cluster.enabled", true)))
                .isInstanceOf(RuntimeException.class);

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("jobdeck.cluster.enabled=true needs a PostgreSQL database that every node shares")
                .contains("Point spring.datasource.url (with username and password) at the cluster's PostgreSQL");
        assertThat(JobdeckApp.schedulerThreads())
                .as("no worker or scheduler thread was made")
                .allMatch(before::contains);
    }

    @Test
    void a_node_name_people_could_not_read_is_refused_naming_the_setting(CapturedOutput output) {
        assertThatThrownBy(() -> JobdeckApp.start(
                        JobdeckApp.newDataDir(), Map.of("jobdeck.cluster.node-name", "node a<script>")))
                .isInstanceOf(RuntimeException.class);

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("jobdeck.cluster.node-name = node a<script>")
                .contains("must be 1 to 60 letters, digits, dots, dashes or underscores");
    }

    @Test
    void an_unsupported_database_is_refused_with_what_is_supported() {
        assertThatThrownBy(() -> Database.fromProductName("MySQL"))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("Jobdeck supports H2 and PostgreSQL")
                .hasMessageContaining("MySQL");
        assertThat(Database.fromProductName("PostgreSQL")).isEqualTo(Database.POSTGRESQL);
        assertThat(Database.fromProductName("H2")).isEqualTo(Database.H2);
    }
}
