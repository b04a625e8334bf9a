package io.jobdeck.jobs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Span;
import io.jobdeck.events.EventHub;
import io.jobdeck.jobs.Upcoming;
import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Upcoming fires as a viewer meets them: three hourly jobs (a paused fourth left out) make 24 hours of three fires,
 * paged by 50; the strip says each hour's count in words; a job added elsewhere arrives by push.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithMockUser(username = "viewer", roles = "VIEWER")
class UpcomingViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-upcoming-view-test");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    EventHub hub;

    @BeforeAll
    void jobs() throws Exception {
        for (String name : List.of("a-hourly", "b-hourly", "c-hourly", "paused")) {
            hourly(name);
        }
        scheduler.pauseJob(JobKey.jobKey("paused", "upcoming"));
    }

    @Test
    void the_fires_page_by_fifty_in_time_order_with_their_job_and_schedule() {
        navigate(UpcomingView.class);
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 72"));
        List<Upcoming.Fire> first = rows();
        assertThat(first).hasSize(50);
        assertThat(first.subList(0, 3))
                .extracting(Upcoming.Fire::jobName)
                .containsExactly("a-hourly", "b-hourly", "c-hourly");
        assertThat(test(grid()).getCellText(0, 3)).startsWith("Every hour");
        assertThat(test(grid()).getLitRendererPropertyValue(0, 1, "link", String.class))
                .isEqualTo("jobs/upcoming/a-hourly");
        assertThat($(Button.class).id("upcoming-previous").isEnabled()).isFalse();

        test($(Button.class).id("upcoming-next")).click();

        Views.awaitView(() -> assertThat(range()).isEqualTo("51–72 of 72"));
        assertThat(rows().getFirst().at()).isAfterOrEqualTo(first.getLast().at());
        assertThat(rows()).extracting(Upcoming.Fire::jobName).doesNotContain("paused");
        assertThat($(Button.class).id("upcoming-next").isEnabled()).isFalse();

        test($(Button.class).id("upcoming-previous")).click();
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 72"));
    }

    @Test
    void the_strip_has_24_hours_each_with_its_count_in_words() {
        navigate(UpcomingView.class);
        Views.awaitView(() -> assertThat(range()).endsWith(" of 72"));
        OrderedList strip = $(OrderedList.class).id("upcoming-strip");
        List<String> words = strip.getChildren()
                .map(item -> ((ListItem) item)
                        .getChildren()
                        .filter(Span.class::isInstance)
                        .map(c -> ((Span) c).getText())
                        .findFirst()
                        .orElse(""))
                .toList();

        assertThat(words).hasSize(24).allMatch(w -> w.matches(".+–.+: 3 fires"), "an hour with its three fires");
        assertThat(strip.getElement().getAttribute("aria-label")).isEqualTo("Fires per hour");
    }

    @Test
    void a_job_added_elsewhere_shows_by_push_and_leaving_ends_the_subscription() throws Exception {
        int before = hub.subscriberCount();
        navigate(UpcomingView.class);
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 72"));
        assertThat(hub.subscriberCount()).isEqualTo(before + 1);

        JobKey added = hourly("added");
        try {
            Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 96"));
        } finally {
            scheduler.deleteJob(added);
        }

        navigate("jobs", Component.class);
        assertThat(hub.subscriberCount()).as("only the jobs page's two").isEqualTo(before + 2);
    }

    private JobKey hourly(String name) throws SchedulerException {
        JobKey key = JobKey.jobKey(name, "upcoming");
        scheduler.scheduleJob(
                JobBuilder.newJob(HeartbeatJob.class).withIdentity(key).build(),
                TriggerBuilder.newTrigger()
                        .withIdentity(name, "upcoming")
                        .withSchedule(
                                CronScheduleBuilder.cronSchedule("0 0 * * * ?").inTimeZone(TimeZone.getTimeZone("UTC")))
                        .build());
        return key;
    }

    private String range() {
        return $(Span.class).id("upcoming-range").getText();
    }

    @SuppressWarnings("unchecked")
    private Grid<Upcoming.Fire> grid() {
        return $(Grid.class).id("upcoming-list");
    }

    private List<Upcoming.Fire> rows() {
        return grid().getListDataView().getItems().toList();
    }
}
