package io.jobdeck.jobs.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobDetails;
import io.jobdeck.security.Role;
import io.jobdeck.support.StartupRefusedException;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;

/** {@code jobdeck.jobs.definitions}: applied at every start, its jobs managed by it; a broken file stops the start. */
class StartupDefinitionsTest {

    @AfterEach
    void nobody() {
        As.nobody();
    }

    @Test
    void a_folder_of_definitions_is_applied_at_start_and_its_jobs_are_managed_by_it(@TempDir Path folder)
            throws Exception {
        Files.writeString(folder.resolve("a-calendars.yaml"), """
                version: 1
                calendars:
                  - {name: holidays, kind: HOLIDAYS, zone: UTC, dates: [2030-12-25]}
                """);
        Files.writeString(folder.resolve("b-jobs.yaml"), """
                version: 1
                jobs:
                  - group: reports
                    name: nightly
                    type: HTTP
                    properties: {http.url: "https://reports.example.com/run"}
                    triggers: [{cron: "0 0 3 * * ?", zone: UTC, calendar: holidays}]
                """);
        String location = "file:" + folder;
        try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings(location))) {
            assertThat(app.bean(Scheduler.class).checkExists(JobKey.jobKey("nightly", "reports")))
                    .isTrue();
            JobDetails details = As.call(
                            Role.VIEWER,
                            () -> app.bean(JobDefinitions.class)
                                    .read("reports", "nightly")
                                    .toCompletableFuture()
                                    .get(10, TimeUnit.SECONDS))
                    .orElseThrow();
            assertThat(details.managedBy()).isEqualTo(location);
        }
    }

    @Test
    void a_broken_definitions_file_stops_the_start_with_every_problem_and_where_it_is(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("jobs.yaml");
        Files.writeString(file, """
                version: 1
                jobs:
                  - group: reports
                    name: nightly
                    type: HTTP
                    properties: {http.url: "https://reports.example.com/run"}
                    triggers: [{cron: "every night", zone: UTC}]
                  - {group: reports, name: weekly, type: HTTP}
                """);

        Throwable failed = catchThrowable(() -> JobdeckApp.start(JobdeckApp.newDataDir(), settings("file:" + file)));
        while (failed != null && !(failed instanceof StartupRefusedException)) {
            failed = failed.getCause();
        }
        assertThat(failed)
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("jobdeck.jobs.definitions = file:" + file)
                .hasMessageContaining("2 problem(s)")
                .hasMessageContaining("jobs[0].triggers[0].cron: ")
                .hasMessageContaining("jobs[1].properties.http.url: ");
    }

    private static Map<String, Object> settings(String location) {
        return Map.of(
                "jobdeck.jobs.definitions",
                location,
                "jobdeck.scheduler.auto-start",
                false,
                "spring.quartz.scheduler-name",
                "jobdeck-startup-definitions-test");
    }
}
