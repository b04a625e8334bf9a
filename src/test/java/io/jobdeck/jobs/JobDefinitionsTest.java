package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Editing, copying and running with parameters, against the real job store: an edit never overwrites a change made
 * since the form read the job, keeps secrets it did not see, keeps the trigger's pause and a running execution; the
 * trail says what changed, with secrets masked.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobDefinitionsTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-job-definitions-test");
    }

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobCommands commands;

    @Autowired
    Scheduler scheduler;

    @Autowired
    AuditLog audit;

    @Autowired
    SchedulerControl control;

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch slowCalled = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void endpoint() throws Exception {
        As.user(Role.ADMIN);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            calls.add(exchange.getRequestURI().toString() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                slowCalled.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
        server.stop(0);
        As.nobody();
    }

    @Test
    void an_edit_changes_what_it_changed_keeps_the_secrets_it_did_not_see_and_says_so_in_the_trail() throws Exception {
        create("edited", "/a?token=s3cret", "Authorization: Bearer t0p-secret", "0 0 3 * * ?");
        JobDefinitions.Editable form = editable("edited");
        assertThat(form.definition().data().toString()).doesNotContain("s3cret", "t0p-secret");

        JobDefinition changed = with(form.definition(), HttpJobSpec.URL, url("/b?token=******"), "0 0 4 * * ?");
        JobDefinitions.Updated updated =
                admin(definitions.update("tests", "edited", form.version(), changed, Locale.ENGLISH));

        Map<String, Object> stored = scheduler
                .getJobDetail(JobKey.jobKey("edited", "tests"))
                .getJobDataMap()
                .getWrappedMap();
        assertThat(stored.get(HttpJobSpec.URL)).isEqualTo(url("/b?token=s3cret"));
        assertThat(stored.get(HttpJobSpec.HEADERS)).isEqualTo("Authorization: Bearer t0p-secret");
        assertThat(((CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("edited", "tests"))).getCronExpression())
                .isEqualTo("0 0 4 * * ?");
        assertThat(updated.changes())
                .contains("http.url: " + url("/a?token=******") + " → " + url("/b?token=******"))
                .contains("cron: 0 0 3 * * ? → 0 0 4 * * ?")
                .doesNotContain("s3cret", "t0p-secret", "description");

        // A new secret value: the trail says that it changed, not what it was or is.
        JobDefinitions.Editable again = editable("edited");
        admin(definitions.update(
                "tests",
                "edited",
                again.version(),
                with(again.definition(), HttpJobSpec.HEADERS, "Authorization: Bearer n3w", null),
                Locale.ENGLISH));
        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<AuditEntry> trail = As.call(
                        Role.ADMIN,
                        () -> audit.search(new AuditFilter(null, AuditAction.UPDATE_JOB, null, null, null), 0, 10)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .entries()
                .stream()
                .filter(e -> e.target().equals("job tests.edited"))
                .toList();
        assertThat(trail).extracting(AuditEntry::detail).contains("http.headers: a secret value changed");
        assertThat(trail.toString()).doesNotContain("n3w", "t0p-secret", "s3cret");
    }

    @Test
    void saving_over_a_change_made_since_the_form_read_the_job_is_refused_and_saves_nothing() throws Exception {
        create("contested", "/a", "", "0 0 3 * * ?");
        JobDefinitions.Editable mine = editable("contested");
        JobDefinitions.Editable theirs = editable("contested");
        admin(definitions.update(
                "tests",
                "contested",
                theirs.version(),
                with(theirs.definition(), HttpJobSpec.URL, url("/theirs"), null),
                Locale.ENGLISH));

        assertThatThrownBy(() -> admin(definitions.update(
                        "tests",
                        "contested",
                        mine.version(),
                        with(mine.definition(), HttpJobSpec.URL, url("/mine"), null),
                        Locale.ENGLISH)))
                .cause()
                .isInstanceOf(JobDefinitions.Changed.class)
                .hasMessageContaining("Someone changed job tests.contested");
        assertThat(scheduler
                        .getJobDetail(JobKey.jobKey("contested", "tests"))
                        .getJobDataMap()
                        .getString(HttpJobSpec.URL))
                .isEqualTo(url("/theirs"));

        scheduler.deleteJob(JobKey.jobKey("contested", "tests"));
        assertThatThrownBy(() -> admin(definitions.update(
                        "tests", "contested", theirs.version(), theirs.definition(), Locale.ENGLISH)))
                .cause()
                .isInstanceOf(JobDefinitions.Changed.class)
                .hasMessageContaining("deleted meanwhile");
    }

    @Test
    void a_paused_trigger_stays_paused_through_a_new_schedule_and_an_unchanged_schedule_keeps_its_trigger()
            throws Exception {
        create("paused", "/a", "", "0 0 3 * * ?");
        TriggerKey trigger = TriggerKey.triggerKey("paused", "tests");
        As.call(
                Role.OPERATOR,
                () -> commands.pause("tests", "paused").toCompletableFuture().get(10, TimeUnit.SECONDS));

        JobDefinitions.Editable form = editable("paused");
        admin(definitions.update(
                "tests", "paused", form.version(), with(form.definition(), null, null, "0 0 5 * * ?"), Locale.ENGLISH));
        assertThat(scheduler.getTriggerState(trigger)).isEqualTo(Trigger.TriggerState.PAUSED);

        As.call(
                Role.OPERATOR,
                () -> commands.resume("tests", "paused").toCompletableFuture().get(10, TimeUnit.SECONDS));
        java.util.Date next = scheduler.getTrigger(trigger).getNextFireTime();
        JobDefinitions.Editable again = editable("paused");
        admin(definitions.update(
                "tests",
                "paused",
                again.version(),
                with(again.definition(), HttpJobSpec.URL, url("/other"), null),
                Locale.ENGLISH));
        assertThat(scheduler.getTrigger(trigger).getNextFireTime()).isEqualTo(next);
        assertThat(scheduler.getTriggerState(trigger)).isEqualTo(Trigger.TriggerState.NORMAL);
    }

    @Test
    void editing_a_running_job_lets_the_running_execution_finish_as_it_started_and_the_next_run_uses_the_edit()
            throws Exception {
        create("running", "/slow", "", "0 0 0 1 1 ? 2099");
        Queue<String> results = new ConcurrentLinkedQueue<>();
        scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return "test-running-edit";
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
                results.add(error == null ? "ok" : "failed: " + error.getMessage());
            }
        });
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        As.call(
                Role.OPERATOR,
                () -> commands.runNow("tests", "running").toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(slowCalled.await(15, TimeUnit.SECONDS))
                .as("the slow call arrived")
                .isTrue();

        JobDefinitions.Editable form = editable("running");
        admin(definitions.update(
                "tests",
                "running",
                form.version(),
                with(form.definition(), HttpJobSpec.URL, url("/fast"), null),
                Locale.ENGLISH));
        assertThat(TestJobs.isExecuting(scheduler, JobKey.jobKey("running", "tests")))
                .as("still running")
                .isTrue();
        release.countDown();
        await().atMost(Duration.ofSeconds(15)).until(() -> results.size() == 1);
        assertThat(results).containsExactly("ok");

        As.call(
                Role.OPERATOR,
                () -> commands.runNow("tests", "running").toCompletableFuture().get(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(15)).until(() -> results.size() == 2);
        assertThat(calls).containsExactly("/slow null", "/fast null");
    }

    @Test
    void a_copy_takes_the_originals_secrets_but_a_mask_with_no_original_behind_it_is_refused() throws Exception {
        create("original", "/a?token=s3cret", "Authorization: Bearer t0p-secret", "0 0 3 * * ?");
        JobDefinition form = editable("original").definition();
        JobDefinition copy =
                new JobDefinition("tests", "original-copy", "", form.type(), form.data(), form.cron(), form.zone());

        admin(definitions.copy("tests", "original", copy, Locale.ENGLISH));

        Map<String, Object> stored = scheduler
                .getJobDetail(JobKey.jobKey("original-copy", "tests"))
                .getJobDataMap()
                .getWrappedMap();
        assertThat(stored.get(HttpJobSpec.URL)).isEqualTo(url("/a?token=s3cret"));
        assertThat(stored.get(HttpJobSpec.HEADERS)).isEqualTo("Authorization: Bearer t0p-secret");

        JobDefinition orphan =
                new JobDefinition("tests", "orphan", "", form.type(), form.data(), form.cron(), form.zone());
        assertThatThrownBy(() -> admin(definitions.copy("tests", "no-such-job", orphan, Locale.ENGLISH)))
                .cause()
                .isInstanceOfSatisfying(
                        JobDefinitions.Refused.class,
                        refused -> assertThat(refused.problems())
                                .extracting(FieldProblem::message)
                                .contains("Enter the value of Authorization again: there is no stored value to keep"));
        assertThat(scheduler.checkExists(JobKey.jobKey("orphan", "tests"))).isFalse();
    }

    @Test
    void the_missed_fires_choice_is_stored_read_back_and_changed_with_the_trail_saying_so() throws Exception {
        admin(definitions.create(
                new JobDefinition(
                        "tests",
                        "skipping",
                        "",
                        JobDefinition.JobType.HTTP,
                        Map.of(HttpJobSpec.URL, url("/a")),
                        "0 0 3 * * ?",
                        ZoneId.of("UTC"),
                        Misfire.SKIP),
                Locale.ENGLISH));
        TriggerKey trigger = TriggerKey.triggerKey("skipping", "tests");
        assertThat(scheduler.getTrigger(trigger).getMisfireInstruction())
                .isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

        JobDefinitions.Editable form = editable("skipping");
        assertThat(form.definition().misfire()).isEqualTo(Misfire.SKIP);
        JobDefinition d = form.definition();
        JobDefinitions.Updated updated = admin(definitions.update(
                "tests",
                "skipping",
                form.version(),
                new JobDefinition(
                        d.group(), d.name(), d.description(), d.type(), d.data(), d.cron(), d.zone(), Misfire.CATCH_UP),
                Locale.ENGLISH));

        assertThat(scheduler.getTrigger(trigger).getMisfireInstruction())
                .isEqualTo(Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);
        assertThat(updated.changes()).isEqualTo("misfire: SKIP → CATCH_UP");
    }

    @Test
    void while_shell_jobs_are_off_creating_one_is_refused_with_the_reason_next_to_the_type() {
        JobDefinition shell = new JobDefinition(
                "default",
                "shell-off",
                "",
                JobDefinition.JobType.SHELL,
                Map.of(ShellJobSpec.COMMAND, "true"),
                "0 0 3 * * ?",
                ZoneId.of("UTC"));

        assertThatThrownBy(() -> definitions
                        .create(shell, Locale.ENGLISH)
                        .toCompletableFuture()
                        .join())
                .cause()
                .isInstanceOfSatisfying(
                        JobDefinitions.Refused.class,
                        refused -> assertThat(refused.problems())
                                .containsExactly(new FieldProblem(
                                        "type", "Shell command jobs are switched off on this server")));
    }

    @Test
    void a_job_defined_in_code_is_not_editable_here() throws Exception {
        TestJobs.createIdleJob(scheduler, JobKey.jobKey("coded", "tests"), "from code");

        assertThatThrownBy(() -> admin(definitions.readEditable("tests", "coded")))
                .cause()
                .isInstanceOf(JobDefinitions.NotEditable.class)
                .hasMessageContaining("defined in code");
        assertThat(admin(definitions.readEditable("tests", "nothing-here"))).isEmpty();
    }

    @Test
    void run_now_with_parameters_adds_them_to_that_run_only_and_cannot_replace_the_jobs_own_settings()
            throws Exception {
        create("with-parameters", "/a", "", "0 0 0 1 1 ? 2099");
        Queue<Map<String, Object>> runs = new ConcurrentLinkedQueue<>();
        scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return "test-parameters";
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext context) {
                runs.add(Map.copyOf(context.getMergedJobDataMap().getWrappedMap()));
            }
        });
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));

        As.call(
                Role.OPERATOR,
                () -> commands.runNow("tests", "with-parameters", Map.of("day", "2026-12-01"))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(15)).until(() -> runs.size() == 1);
        assertThat(runs.peek()).containsEntry("day", "2026-12-01");

        assertThatThrownBy(() -> As.call(
                        Role.OPERATOR,
                        () -> commands.runNow(
                                        "tests", "with-parameters", Map.of(HttpJobSpec.URL, "https://evil.example/"))
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS)))
                .hasMessageContaining("Part of the job's own definition, not a parameter: http.url");
        assertThat(calls).allSatisfy(call -> assertThat(call).startsWith("/a"));

        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<AuditEntry> trail = As.call(
                        Role.ADMIN,
                        () -> audit.search(new AuditFilter(null, AuditAction.RUN_NOW, null, null, null), 0, 10)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .entries()
                .stream()
                .filter(e -> e.target().equals("job tests.with-parameters"))
                .toList();
        assertThat(trail).extracting(AuditEntry::detail).contains("parameters: day");
        assertThat(trail.toString()).doesNotContain("2026-12-01");
    }

    // --- helpers ---

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void create(String name, String path, String headers, String cron) throws Exception {
        Map<String, String> data =
                new java.util.HashMap<>(Map.of(HttpJobSpec.URL, url(path), HttpJobSpec.HEADERS, headers));
        if (path.contains("token=")) {
            data.put(HttpJobSpec.SECRET_PARAMETERS, "token");
        }
        admin(definitions.create(
                new JobDefinition("tests", name, "", JobDefinition.JobType.HTTP, data, cron, ZoneId.of("UTC")),
                Locale.ENGLISH));
    }

    private JobDefinitions.Editable editable(String name) throws Exception {
        return admin(definitions.readEditable("tests", name)).orElseThrow();
    }

    /** The form's definition with one data field and/or the cron changed (null: unchanged). */
    private static JobDefinition with(JobDefinition form, String field, String value, String cron) {
        Map<String, String> data = new java.util.HashMap<>(form.data());
        if (field != null) {
            data.put(field, value);
        }
        return new JobDefinition(
                form.group(),
                form.name(),
                form.description(),
                form.type(),
                data,
                cron == null ? form.cron() : cron,
                form.zone());
    }

    /** The answer of a call made as the admin this test is (see {@link #endpoint()}). */
    private static <T> T admin(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
