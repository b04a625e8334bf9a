package io.jobdeck.history.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.jobdeck.history.Execution;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.history.LiveExecutions;
import io.jobdeck.jobs.Progress;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import io.jobdeck.ui.LiveUpdates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The execution page's live parts, without a browser: a running job's log tailed and its progress shown by push. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "viewer",
        roles = {"VIEWER"})
class LiveComponentsTest extends SpringBrowserlessTest {

    private static final Path DATA = JobdeckApp.newDataDir();
    private static final JobKey KEY = JobKey.jobKey("export", "live-ui");

    /** Let the job go on, one step at a time; a new one for each test. */
    static volatile CountDownLatch step = new CountDownLatch(1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-live-components-test");
    }

    /** Logs a line with markup in it and reports half done, waits, logs another line, and ends. */
    public static class SteppedJob implements Job {

        private static final Logger log = LoggerFactory.getLogger(SteppedJob.class);

        @Override
        public void execute(JobExecutionContext context) {
            log.info("first <b>line</b>");
            Progress.of(context).steps(1, 2);
            Progress.of(context).message("Half way");
            try {
                step.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.info("second line");
        }
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    SchedulerControl control;

    @Autowired
    ExecutionHistory history;

    @Autowired
    LiveExecutions live;

    @Autowired
    LiveUpdates updates;

    @BeforeEach
    void a_running_job() throws Exception {
        step = new CountDownLatch(1);
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        scheduler.addJob(
                JobBuilder.newJob(SteppedJob.class)
                        .withIdentity(KEY)
                        .storeDurably()
                        .build(),
                true);
        scheduler.triggerJob(KEY);
    }

    @AfterEach
    void let_it_end() throws Exception {
        step.countDown();
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
    }

    @Test
    void the_log_of_a_running_job_is_tailed_as_text_and_ends_whole() throws Exception {
        Execution running = runningExecution();
        LiveLog log = new LiveLog(live, updates, running);
        AtomicInteger ended = new AtomicInteger();
        log.addEndedListener(e -> ended.incrementAndGet());
        UI.getCurrent().add(log);
        Pre text = find(Pre.class).single();

        Views.awaitView(() -> assertThat(text.getText()).contains("SteppedJob - first <b>line</b>"));
        assertThat(text.getElement().getChildren().filter(c -> !c.isTextNode()))
                .as("no markup from the log")
                .isEmpty();
        assertThat(text.getText()).doesNotContain("second line");
        assertThat(ended).hasValue(0);

        step.countDown();

        Views.awaitView(() -> {
            assertThat(text.getText()).contains("second line");
            assertThat(ended).hasValue(1);
        });
        assertThat(text.getText().lines()).hasSize(2);
    }

    @Test
    void the_progress_of_a_running_job_shows_its_steps_and_message_and_hides_when_it_ends() throws Exception {
        Execution running = runningExecution();
        LiveProgress progress = new LiveProgress(live, updates, running.fireId());
        UI.getCurrent().add(progress);

        Views.awaitView(() -> {
            assertThat(find(ProgressBar.class).single().getValue()).isEqualTo(0.5);
            assertThat(find(Span.class).withText("1 of 2").exists()).isTrue();
            assertThat(find(Span.class).withText("Half way").exists()).isTrue();
        });

        step.countDown();

        Views.awaitView(() -> assertThat(progress.getContent().isVisible()).isFalse());
    }

    private Execution runningExecution() {
        return await().atMost(Views.TIMEOUT)
                .until(
                        () -> {
                            List<Execution> rows = As.call(
                                            Role.VIEWER,
                                            () -> history.readPage(
                                                            ExecutionFilter.ofJob(KEY.getGroup(), KEY.getName()), 0, 1)
                                                    .toCompletableFuture()
                                                    .get(10, TimeUnit.SECONDS))
                                    .rows();
                            return rows.isEmpty() || !rows.getFirst().running() ? null : rows.getFirst();
                        },
                        e -> e != null);
    }
}
