package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pausing many jobs at once, against the real job store: a group, or all. What is paused is what exists at that
 * moment; a job created afterwards runs as scheduled and Run now always runs (Quartz's own pauseAll would hold both).
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobCommandsTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-job-commands-test");
    }

    @Autowired
    JobCommands commands;

    @Autowired
    SchedulerControl control;

    @Autowired
    Scheduler scheduler;

    private final Set<String> ran = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void operator() throws Exception {
        As.user(Role.OPERATOR);
        scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return "test-ran";
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext context) {
                ran.add(context.getJobDetail().getKey().getName());
            }
        });
    }

    @AfterEach
    void clean() throws Exception {
        scheduler.getListenerManager().removeJobListener("test-ran");
        done(control.stop());
        scheduler.clear();
        As.nobody();
    }

    @Test
    void pause_all_pauses_every_job_there_is_but_not_one_created_later_and_run_now_still_runs() throws Exception {
        JobKey a = TestJobs.createIdleJob(scheduler, JobKey.jobKey("a", "one"), "");
        JobKey b = TestJobs.createIdleJob(scheduler, JobKey.jobKey("b", "two"), "");

        done(commands.pauseAll());

        assertThat(states(a)).containsOnly(Trigger.TriggerState.PAUSED);
        assertThat(states(b)).containsOnly(Trigger.TriggerState.PAUSED);
        JobKey later = TestJobs.createIdleJob(scheduler, JobKey.jobKey("later", "one"), "");
        assertThat(states(later)).containsOnly(Trigger.TriggerState.NORMAL);

        done(control.start());
        done(commands.runNow("one", "a"));
        await().atMost(Duration.ofSeconds(15)).until(() -> ran.contains("a"));

        done(commands.resumeAll());
        assertThat(states(a)).containsOnly(Trigger.TriggerState.NORMAL);
        assertThat(states(b)).containsOnly(Trigger.TriggerState.NORMAL);
    }

    @Test
    void pausing_a_group_pauses_its_jobs_only_and_resuming_it_resumes_them() throws Exception {
        JobKey a = TestJobs.createIdleJob(scheduler, JobKey.jobKey("a", "billing"), "");
        JobKey b = TestJobs.createIdleJob(scheduler, JobKey.jobKey("b", "billing"), "");
        JobKey other = TestJobs.createIdleJob(scheduler, JobKey.jobKey("c", "reports"), "");

        done(commands.pauseGroup("billing"));

        assertThat(states(a)).containsOnly(Trigger.TriggerState.PAUSED);
        assertThat(states(b)).containsOnly(Trigger.TriggerState.PAUSED);
        assertThat(states(other)).containsOnly(Trigger.TriggerState.NORMAL);
        JobKey later = TestJobs.createIdleJob(scheduler, JobKey.jobKey("later", "billing"), "");
        assertThat(states(later)).containsOnly(Trigger.TriggerState.NORMAL);

        done(commands.resumeGroup("billing"));
        assertThat(states(a)).containsOnly(Trigger.TriggerState.NORMAL);
    }

    private Set<Trigger.TriggerState> states(JobKey key) throws Exception {
        Set<Trigger.TriggerState> states = ConcurrentHashMap.newKeySet();
        for (Trigger t : scheduler.getTriggersOfJob(key)) {
            states.add(scheduler.getTriggerState(t.getKey()));
        }
        assertThat(states).as("triggers of " + key).isNotEmpty();
        return states;
    }

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
