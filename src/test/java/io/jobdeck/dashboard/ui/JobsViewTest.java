package io.jobdeck.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.JobPage;
import io.jobdeck.jobs.JobQuery;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The jobs list as a viewer meets it: pages, search and filters, and jobs added elsewhere arriving by push. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithMockUser(username = "viewer", roles = "VIEWER")
class JobsViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-jobs-view-test");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    io.jobdeck.events.EventHub hub;

    @BeforeAll
    void jobs() throws Exception {
        for (int i = 0; i < 60; i++) {
            TestJobs.createIdleJob(scheduler, JobKey.jobKey(String.format("job-%03d", i), "list"), "Job " + i);
        }
        scheduler.pauseJob(JobKey.jobKey("job-042", "list"));
    }

    @Test
    void the_list_pages_through_every_job() {
        navigate(JobsView.class);
        DashboardTesting.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 60"));
        assertThat(rows()).hasSize(50);
        assertThat($(Button.class).id("jobs-previous").isEnabled()).isFalse();

        test($(Button.class).id("jobs-next")).click();

        DashboardTesting.awaitView(() -> assertThat(range()).isEqualTo("51–60 of 60"));
        assertThat(rows().getFirst().name()).isEqualTo("job-050");
        assertThat($(Button.class).id("jobs-next").isEnabled()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void search_and_filters_narrow_it_from_the_first_page() {
        navigate(JobsView.class);
        DashboardTesting.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 60"));
        test($(Button.class).id("jobs-next")).click();
        DashboardTesting.awaitView(() -> assertThat(range()).isEqualTo("51–60 of 60"));

        test($(TextField.class).id("jobs-search")).setValue("JOB-05");
        DashboardTesting.awaitView(() -> assertThat(range()).isEqualTo("1–10 of 10"));

        test($(TextField.class).id("jobs-search")).setValue("");
        test((Select<JobQuery.StateFilter>) $(Select.class).id("jobs-state")).selectItem("Paused");
        DashboardTesting.awaitView(
                () -> assertThat(rows()).extracting(JobPage.Row::name).containsExactly("job-042"));
    }

    @Test
    void a_job_added_elsewhere_shows_by_push() throws Exception {
        navigate(JobsView.class);
        DashboardTesting.awaitView(() -> assertThat(range()).endsWith(" of 60"));

        JobKey added = TestJobs.createIdleJob(scheduler, JobKey.jobKey("added", "a-first"), "new");
        try {
            DashboardTesting.awaitView(() -> {
                assertThat(range()).isEqualTo("1–50 of 61");
                assertThat(rows().getFirst().name()).isEqualTo("added");
            });
        } finally {
            scheduler.deleteJob(added);
        }
    }

    @Test
    void leaving_the_page_ends_its_event_subscriptions() {
        int before = hub.subscriberCount();
        navigate(JobsView.class);
        DashboardTesting.awaitView(() -> assertThat(range()).endsWith(" of 60"));
        assertThat(hub.subscriberCount())
                .as("the page and its filters' choices")
                .isEqualTo(before + 2);

        navigate("jobs/list/job-001", com.vaadin.flow.component.Component.class);

        assertThat(hub.subscriberCount()).as("only the job page's own").isEqualTo(before + 1);
    }

    private String range() {
        return $(Span.class).id("jobs-range").getText();
    }

    @SuppressWarnings("unchecked")
    private java.util.List<JobPage.Row> rows() {
        Grid<JobPage.Row> grid = $(Grid.class).id("jobs-list");
        return grid.getListDataView().getItems().toList();
    }
}
