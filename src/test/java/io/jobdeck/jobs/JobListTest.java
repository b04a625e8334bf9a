package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The jobs list read from Quartz's tables: pages, orders, search (any case, with SQL's wildcards taken literally),
 * filters, and each row's state and next fire as Quartz would give them.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobListTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-job-list-test");
    }

    @Autowired
    JobList list;

    @Autowired
    Scheduler scheduler;

    @BeforeAll
    void jobs() throws Exception {
        Instant base = Instant.now().plus(Duration.ofDays(1));
        for (int i = 0; i < 120; i++) {
            String group = i % 2 == 0 ? "billing" : "reports";
            JobKey key = JobKey.jobKey(String.format("job-%03d", i), group);
            scheduler.scheduleJob(
                    JobBuilder.newJob(HeartbeatJob.class)
                            .withIdentity(key)
                            .withDescription(i == 7 ? "Sends 100%_sure INVOICES" : "Job number " + i)
                            .build(),
                    TriggerBuilder.newTrigger()
                            .withIdentity(key.getName(), key.getGroup())
                            // Later jobs fire sooner: the next-fire order is not the name order.
                            .startAt(Date.from(base.plus(Duration.ofMinutes(200 - i))))
                            .withSchedule(SimpleScheduleBuilder.repeatHourlyForever())
                            .build());
        }
        scheduler.pauseJob(JobKey.jobKey("job-010", "billing"));
        scheduler.addJob(
                JobBuilder.newJob(io.jobdeck.jobs.http.HttpRequestJob.class)
                        .withIdentity("no-trigger", "tools")
                        .usingJobData(HttpJobSpec.URL, "https://example.com/")
                        .storeDurably()
                        .build(),
                false);
    }

    @BeforeEach
    void viewer() {
        As.user(Role.VIEWER);
    }

    @AfterEach
    void nobody() {
        As.nobody();
    }

    @Test
    void pages_go_through_every_job_in_group_and_name_order_and_say_how_many_there_are() throws Exception {
        JobPage first = page(JobQuery.ALL, 0, 50);
        JobPage third = page(JobQuery.ALL, 100, 50);

        assertThat(first.total()).isEqualTo(121);
        assertThat(first.rows()).hasSize(50);
        assertThat(first.rows().getFirst().group() + "."
                        + first.rows().getFirst().name())
                .isEqualTo("billing.job-000");
        assertThat(third.rows()).hasSize(21);
        assertThat(third.rows().getLast().group() + "." + third.rows().getLast().name())
                .isEqualTo("tools.no-trigger");
        assertThat(page(JobQuery.ALL, 200, 50).rows()).isEmpty();
    }

    @Test
    void each_row_has_its_type_state_and_next_fire() throws Exception {
        JobPage.Row paused = only(new JobQuery("job-010", null, null, null, JobQuery.Order.NAME));
        assertThat(paused.state()).isEqualTo(JobState.PAUSED);
        assertThat(paused.nextFire()).as("a paused trigger does not fire").isNull();
        assertThat(paused.type()).isEqualTo("HeartbeatJob");

        JobPage.Row waiting = only(new JobQuery("job-011", null, null, null, JobQuery.Order.NAME));
        assertThat(waiting.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(waiting.nextFire())
                .isEqualTo(scheduler
                        .getTriggersOfJob(JobKey.jobKey("job-011", "reports"))
                        .getFirst()
                        .getNextFireTime()
                        .toInstant());

        JobPage.Row http = only(new JobQuery("no-trigger", null, null, null, JobQuery.Order.NAME));
        assertThat(http.type()).isEqualTo("HTTP");
        assertThat(http.state()).isEqualTo(JobState.UNSCHEDULED);
        assertThat(http.triggers()).isZero();
    }

    @Test
    void search_finds_name_group_description_and_type_in_any_case_and_takes_wildcards_literally() throws Exception {
        assertThat(page(new JobQuery("INVOICES", null, null, null, JobQuery.Order.NAME), 0, 50)
                        .rows())
                .extracting(JobPage.Row::name)
                .containsExactly("job-007");
        assertThat(page(new JobQuery("100%_", null, null, null, JobQuery.Order.NAME), 0, 50)
                        .rows())
                .extracting(JobPage.Row::name)
                .containsExactly("job-007");
        assertThat(page(new JobQuery("%", null, null, null, JobQuery.Order.NAME), 0, 50)
                        .total())
                .as("% is a character, not everything")
                .isEqualTo(1);
        assertThat(page(new JobQuery("REPORTS", null, null, null, JobQuery.Order.NAME), 0, 50)
                        .total())
                .isEqualTo(60);
        assertThat(page(new JobQuery("http", null, null, null, JobQuery.Order.NAME), 0, 50)
                        .total())
                .as("by type")
                .isEqualTo(1);
        assertThat(page(new JobQuery("'; DROP TABLE QRTZ_TRIGGERS; --", null, null, null, JobQuery.Order.NAME), 0, 50)
                        .total())
                .isZero();
    }

    @Test
    void filters_narrow_by_group_type_and_state() throws Exception {
        assertThat(page(new JobQuery("", "billing", null, null, JobQuery.Order.NAME), 0, 50)
                        .total())
                .isEqualTo(60);
        assertThat(page(new JobQuery("", null, HeartbeatJob.class.getName(), null, JobQuery.Order.NAME), 0, 50)
                        .total())
                .isEqualTo(120);
        assertThat(page(new JobQuery("", null, null, JobQuery.StateFilter.PAUSED, JobQuery.Order.NAME), 0, 50)
                        .rows())
                .extracting(JobPage.Row::name)
                .containsExactly("job-010");
        assertThat(page(new JobQuery("", null, null, JobQuery.StateFilter.UNSCHEDULED, JobQuery.Order.NAME), 0, 50)
                        .rows())
                .extracting(JobPage.Row::name)
                .containsExactly("no-trigger");
        assertThat(page(new JobQuery("", "billing", null, JobQuery.StateFilter.SCHEDULED, JobQuery.Order.NAME), 0, 50)
                        .total())
                .isEqualTo(59);
        JobList.Choices choices = list.readChoices().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(choices.groups()).containsExactly("billing", "reports", "tools");
        assertThat(choices.types()).containsValues("HTTP", "HeartbeatJob");
    }

    @Test
    void next_fire_order_puts_the_soonest_first_and_jobs_that_do_not_fire_last() throws Exception {
        JobPage soonest = page(new JobQuery("", null, null, null, JobQuery.Order.NEXT_FIRE), 0, 3);
        assertThat(soonest.rows()).extracting(JobPage.Row::name).containsExactly("job-119", "job-118", "job-117");
        JobPage last = page(new JobQuery("", null, null, null, JobQuery.Order.NEXT_FIRE), 119, 2);
        assertThat(last.rows()).extracting(JobPage.Row::nextFire).containsOnlyNulls();
    }

    @Test
    void next_fire_order_with_a_filter_keeps_to_the_filter_and_pages_past_the_jobs_that_fire() throws Exception {
        JobQuery billing = new JobQuery("", "billing", null, null, JobQuery.Order.NEXT_FIRE);
        JobPage first = page(billing, 0, 2);
        assertThat(first.rows()).extracting(JobPage.Row::name).containsExactly("job-118", "job-116");
        assertThat(first.total()).isEqualTo(60);

        // 59 billing jobs fire (job-010 is paused), so the page from 58 has the last that fires, then job-010.
        JobPage last = page(billing, 58, 5);
        assertThat(last.rows()).extracting(JobPage.Row::name).containsExactly("job-000", "job-010");
        assertThat(last.rows()).allMatch(r -> r.group().equals("billing"));
    }

    @Test
    void a_page_out_of_bounds_is_refused_with_a_reason() {
        assertThatThrownBy(() -> page(JobQuery.ALL, 0, 1000)).hasMessageContaining("1 to 200 rows");
        assertThatThrownBy(() -> page(JobQuery.ALL, -1, 10)).hasMessageContaining("starts at 0");
        assertThatThrownBy(() -> page(new JobQuery("x".repeat(201), null, null, null, JobQuery.Order.NAME), 0, 10))
                .hasMessageContaining("at most 200 characters");
    }

    private JobPage.Row only(JobQuery query) throws Exception {
        List<JobPage.Row> rows = page(query, 0, 50).rows();
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private JobPage page(JobQuery query, int offset, int limit) throws Exception {
        CompletionStage<JobPage> stage = list.readPage(query, offset, limit);
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
