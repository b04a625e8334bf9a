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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.calendar.HolidayCalendar;
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
                .contains("trigger edited, schedule: cron 0 0 3 * * ? → cron 0 0 4 * * ?")
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
        JobDefinition copy = form.as("tests", "original-copy", form.triggers());

        admin(definitions.copy("tests", "original", copy, Locale.ENGLISH));

        Map<String, Object> stored = scheduler
                .getJobDetail(JobKey.jobKey("original-copy", "tests"))
                .getJobDataMap()
                .getWrappedMap();
        assertThat(stored.get(HttpJobSpec.URL)).isEqualTo(url("/a?token=s3cret"));
        assertThat(stored.get(HttpJobSpec.HEADERS)).isEqualTo("Authorization: Bearer t0p-secret");

        JobDefinition orphan = form.as("tests", "orphan", form.triggers());
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
        assertThat(form.definition().triggers().getFirst().misfire()).isEqualTo(Misfire.SKIP);
        JobDefinition d = form.definition();
        JobDefinitions.Updated updated = admin(definitions.update(
                "tests",
                "skipping",
                form.version(),
                d.as(d.group(), d.name(), List.of(d.triggers().getFirst().withMisfire(Misfire.CATCH_UP))),
                Locale.ENGLISH));

        assertThat(scheduler.getTrigger(trigger).getMisfireInstruction())
                .isEqualTo(Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);
        assertThat(updated.changes()).isEqualTo("trigger skipping, misfire: SKIP → CATCH_UP");
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

    @Test
    void a_job_gets_triggers_of_every_kind_each_stored_as_defined_and_read_back_for_editing() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId newYork = ZoneId.of("America/New_York");
        LocalDateTime tomorrow = LocalDate.now(berlin).plusDays(1).atTime(8, 0);
        List<TriggerDefinition> triggers = List.of(
                TriggerDefinition.cron("0 0 3 * * ?", ZoneId.of("UTC"), Misfire.FIRE_ONCE_NOW)
                        .withPriority(8),
                TriggerDefinition.every(Duration.ofMinutes(10), 3, berlin).between(tomorrow, tomorrow.plusDays(2)),
                TriggerDefinition.once(tomorrow.plusDays(1).withHour(9).withMinute(30), newYork)
                        .withMisfire(Misfire.SKIP));
        JobDefinition multi = new JobDefinition(
                "tests", "multi", "", JobDefinition.JobType.HTTP, Map.of(HttpJobSpec.URL, url("/a")), triggers);

        JobDefinitions.Created created = admin(definitions.create(multi, Locale.ENGLISH));

        Trigger cron = scheduler.getTrigger(TriggerKey.triggerKey("multi", "tests"));
        SimpleTrigger every = (SimpleTrigger) scheduler.getTrigger(TriggerKey.triggerKey("multi#2", "tests"));
        SimpleTrigger once = (SimpleTrigger) scheduler.getTrigger(TriggerKey.triggerKey("multi#3", "tests"));
        assertThat(cron.getPriority()).isEqualTo(8);
        assertThat(every.getRepeatInterval()).isEqualTo(600_000);
        assertThat(every.getRepeatCount()).as("3 times in all").isEqualTo(2);
        assertThat(every.getStartTime().toInstant())
                .isEqualTo(tomorrow.atZone(berlin).toInstant());
        assertThat(every.getEndTime().toInstant())
                .isEqualTo(tomorrow.plusDays(2).atZone(berlin).toInstant());
        assertThat(once.getRepeatCount()).isZero();
        assertThat(once.getNextFireTime().toInstant())
                .isEqualTo(tomorrow.plusDays(1)
                        .withHour(9)
                        .withMinute(30)
                        .atZone(newYork)
                        .toInstant());
        assertThat(once.getMisfireInstruction())
                .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT);
        assertThat(created.summary())
                .contains("trigger multi#2: schedule every PT10M, 3 times; zone Europe/Berlin; from " + tomorrow);

        assertThat(editable("multi").definition().triggers())
                .containsExactly(
                        triggers.get(0).named("multi"),
                        triggers.get(1).named("multi#2"),
                        triggers.get(2).named("multi#3"));
    }

    @Test
    void each_trigger_pauses_on_its_own_and_an_edit_keeps_what_it_did_not_change() throws Exception {
        LocalDateTime start = LocalDate.now(ZoneId.of("UTC")).plusDays(1).atTime(6, 0);
        admin(definitions.create(
                new JobDefinition(
                        "tests",
                        "pair",
                        "",
                        JobDefinition.JobType.HTTP,
                        Map.of(HttpJobSpec.URL, url("/a")),
                        List.of(
                                TriggerDefinition.cron("0 0 3 * * ?", ZoneId.of("UTC"), Misfire.FIRE_ONCE_NOW),
                                TriggerDefinition.every(Duration.ofHours(1), null, ZoneId.of("UTC"))
                                        .between(start, null))),
                Locale.ENGLISH));
        TriggerKey first = TriggerKey.triggerKey("pair", "tests");
        TriggerKey second = TriggerKey.triggerKey("pair#2", "tests");

        As.call(
                Role.OPERATOR,
                () -> commands.pauseTrigger("tests", "pair", "pair#2")
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        assertThat(scheduler.getTriggerState(second)).isEqualTo(Trigger.TriggerState.PAUSED);
        assertThat(scheduler.getTriggerState(first)).isEqualTo(Trigger.TriggerState.NORMAL);
        assertThatThrownBy(() -> As.call(
                        Role.OPERATOR,
                        () -> commands.pauseTrigger("tests", "original", "pair")
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS)))
                .as("a trigger is paused only through its own job")
                .hasMessageContaining("No ");

        // Only the cron changes: the interval trigger keeps its pause and its fires.
        JobDefinitions.Editable form = editable("pair");
        JobDefinition edited = with(form.definition(), null, null, "0 0 4 * * ?");
        JobDefinitions.Updated updated =
                admin(definitions.update("tests", "pair", form.version(), edited, Locale.ENGLISH));
        assertThat(updated.changes()).isEqualTo("trigger pair, schedule: cron 0 0 3 * * ? → cron 0 0 4 * * ?");
        assertThat(scheduler.getTriggerState(second)).isEqualTo(Trigger.TriggerState.PAUSED);
        assertThat(scheduler.getTrigger(second).getStartTime().toInstant())
                .isEqualTo(start.atZone(ZoneId.of("UTC")).toInstant());

        // The cron trigger left out, a one-off added: the old one goes, the new one gets a name of its own.
        JobDefinitions.Editable again = editable("pair");
        LocalDateTime at = start.plusDays(1);
        JobDefinition swapped = again.definition()
                .as(
                        "tests",
                        "pair",
                        List.of(again.definition().triggers().get(1), TriggerDefinition.once(at, ZoneId.of("UTC"))));
        JobDefinitions.Updated swap =
                admin(definitions.update("tests", "pair", again.version(), swapped, Locale.ENGLISH));

        assertThat(scheduler.checkExists(first)).isFalse();
        assertThat(scheduler.getTriggerState(TriggerKey.triggerKey("pair#3", "tests")))
                .as("new, not paused")
                .isEqualTo(Trigger.TriggerState.NORMAL);
        assertThat(scheduler.getTriggerState(second)).isEqualTo(Trigger.TriggerState.PAUSED);
        assertThat(swap.changes())
                .isEqualTo("trigger pair: removed; trigger pair#3: added, schedule once at " + at
                        + "; zone UTC; priority 5; misfire FIRE_ONCE_NOW");
    }

    @Test
    void a_trigger_skips_what_its_calendar_excludes_and_a_calendar_that_is_not_there_is_refused() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        HolidayCalendar holidays = new HolidayCalendar();
        holidays.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        holidays.addExcludedDate(java.sql.Date.valueOf(today));
        holidays.addExcludedDate(java.sql.Date.valueOf(today.plusDays(1)));
        scheduler.addCalendar("two-days-off", holidays, true, true);
        TriggerDefinition noon = TriggerDefinition.cron("0 0 12 * * ?", ZoneId.of("UTC"), Misfire.FIRE_ONCE_NOW);

        JobDefinition refused = new JobDefinition(
                "tests",
                "off",
                "",
                JobDefinition.JobType.HTTP,
                Map.of(HttpJobSpec.URL, url("/a")),
                List.of(noon.withCalendar("two-days-off"), noon.withCalendar("nope")));
        assertThatThrownBy(() -> admin(definitions.create(refused, Locale.ENGLISH)))
                .cause()
                .isInstanceOfSatisfying(
                        JobDefinitions.Refused.class,
                        r -> assertThat(r.problems())
                                .containsExactly(new FieldProblem("trigger.1.calendar", "There is no calendar nope")));
        assertThat(scheduler.checkExists(JobKey.jobKey("off", "tests"))).isFalse();

        admin(definitions.create(
                refused.as("tests", "off", List.of(noon.withCalendar("two-days-off"))), Locale.ENGLISH));
        Trigger stored = scheduler.getTrigger(TriggerKey.triggerKey("off", "tests"));
        assertThat(stored.getCalendarName()).isEqualTo("two-days-off");
        assertThat(stored.getNextFireTime().toInstant())
                .isEqualTo(today.plusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC));
    }

    @Test
    void several_bad_triggers_are_refused_each_next_to_its_own_field() {
        ZoneId utc = ZoneId.of("UTC");
        LocalDateTime start = LocalDateTime.now(utc).plusDays(3);
        List<TriggerDefinition> triggers = List.of(
                TriggerDefinition.every(Duration.ZERO, null, utc),
                TriggerDefinition.once(LocalDateTime.now(utc).minusHours(1), utc),
                TriggerDefinition.cron("0 0 3 * * ?", utc, Misfire.SKIP).between(start, start.minusDays(1)));
        JobDefinition bad = new JobDefinition(
                "tests", "bad", "", JobDefinition.JobType.HTTP, Map.of(HttpJobSpec.URL, url("/a")), triggers);

        assertThat(definitions.check(bad, Locale.ENGLISH))
                .extracting(FieldProblem::field)
                .containsExactly("every", "trigger.1.at", "trigger.2.end");
        List<TriggerDefinition> many = java.util.Collections.nCopies(
                JobDefinition.MAX_TRIGGERS + 1, TriggerDefinition.cron("0 0 3 * * ?", utc, Misfire.SKIP));
        assertThat(definitions.check(bad.as("tests", "bad", many), Locale.ENGLISH))
                .containsExactly(new FieldProblem("triggers", "At most 20 triggers per job"));
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

    /** The form's definition with one data field and/or its first trigger's cron changed (null: unchanged). */
    private static JobDefinition with(JobDefinition form, String field, String value, String cron) {
        Map<String, String> data = new java.util.HashMap<>(form.data());
        if (field != null) {
            data.put(field, value);
        }
        TriggerDefinition t = form.triggers().getFirst();
        return form.withData(data)
                .as(
                        form.group(),
                        form.name(),
                        cron == null
                                ? form.triggers()
                                : java.util.stream.Stream.concat(
                                                java.util.stream.Stream.of(new TriggerDefinition(
                                                        t.name(),
                                                        TriggerDefinition.Kind.CRON,
                                                        cron,
                                                        null,
                                                        null,
                                                        null,
                                                        t.zone(),
                                                        t.start(),
                                                        t.end(),
                                                        t.priority(),
                                                        t.misfire(),
                                                        t.calendar())),
                                                form.triggers().stream().skip(1))
                                        .toList());
    }

    /** The answer of a call made as the admin this test is (see {@link #endpoint()}). */
    private static <T> T admin(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
