package io.jobdeck.jobs.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.jobs.StoredCatalog;
import io.jobdeck.jobs.code.ImportPlan.Action;
import io.jobdeck.jobs.code.ImportPlan.Mode;
import io.jobdeck.jobs.code.ImportPlan.Subject;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Jobs as code against the real job store: the exported document imports into an empty store and exports the same
 * again, secrets only as references; a document is checked whole with every problem's path; the dry run says what
 * changes, field by field; merge and replace; all or nothing; jobs a file manages are not edited elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobsAsCodeTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-jobs-as-code-test");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        // The secrets the documents below refer to, as a deployment would set them in its environment.
        registry.add("TEST_TOKEN", () -> "s3cr3t-value");
        registry.add("OPS_KEY", () -> "k3y-value");
        registry.add("REPORTS_NIGHTLY_AUTHORIZATION", () -> "Bearer s3cr3t-value");
        registry.add("OPS_CLEANUP_API_KEY", () -> "k3y-value");
    }

    static final String CATALOG = """
            version: 1
            calendars:
              - name: holidays
                kind: HOLIDAYS
                zone: Europe/Berlin
                dates: [2030-12-25, 2030-12-26]
              - name: night
                kind: DAILY_WINDOW
                description: Quiet hours
                zone: UTC
                from: "01:00"
                to: "05:00"
            jobs:
              - group: reports
                name: nightly
                description: The nightly report
                type: HTTP
                properties:
                  http.method: POST
                  http.url: https://reports.example.com/run?day=today
                  http.headers: "Authorization: Bearer ${TEST_TOKEN}"
                triggers:
                  - cron: 0 0 3 * * ?
                    zone: Europe/Berlin
                    calendar: holidays
                    misfire: SKIP
                  - every: PT15M
                    times: 10
                    zone: UTC
                    start: 2030-01-01T00:00
                    priority: 7
                    paused: true
                retry:
                  maxAttempts: 4
                  backoff: EXPONENTIAL
                  delay: PT10S
                  maxDelay: PT5M
                  jitter: 20
                  failures: [FAILED]
                  errorContains: "503"
              - group: ops
                name: cleanup
                type: SHELL
                properties:
                  shell.command: "sh\\n-c\\necho $${HOME}"
                  shell.environment: API_KEY=${OPS_KEY}
                  shell.secretEnvironment: API_KEY
                triggers:
                  - at: 2031-06-01T10:00
                    zone: UTC
                retry: {maxAttempts: 2, delay: 30}
            """;

    @Autowired
    JobsAsCode code;

    @Autowired
    JobDefinitions definitions;

    @Autowired
    StoredCatalog catalog;

    @Autowired
    Scheduler scheduler;

    @Autowired
    AuditLog audit;

    @Autowired
    DefinitionsCommand command;

    @Autowired
    JobCommands commands;

    @LocalServerPort
    int port;

    @BeforeEach
    void emptyStore() throws Exception {
        scheduler.clear();
        As.user(Role.ADMIN);
    }

    @AfterEach
    void nobody() {
        As.nobody();
    }

    @Test
    void an_export_imported_into_an_empty_store_exports_the_same_document_with_secrets_only_as_references()
            throws Exception {
        apply(CATALOG, Mode.MERGE);
        String first = export(DocumentFormat.YAML);
        assertThat(first)
                .doesNotContain("s3cr3t-value", "k3y-value")
                .contains("${REPORTS_NIGHTLY_AUTHORIZATION}", "API_KEY=${OPS_CLEANUP_API_KEY}", "$${HOME}")
                .contains("paused: true", "calendar: holidays", "misfire: SKIP", "priority: 7")
                .contains("maxAttempts: 4", "backoff: EXPONENTIAL", "maxDelay: PT5M", "errorContains: 503")
                .contains("delay: PT30S");

        scheduler.clear();
        apply(first, Mode.MERGE);
        assertThat(export(DocumentFormat.YAML)).isEqualTo(first);
        // The references were resolved: the job calls with the secret itself, and echoes the literal ${HOME}.
        JobDefinition nightly = job("reports", "nightly");
        assertThat(nightly.data().get("http.headers")).isEqualTo("Authorization: Bearer s3cr3t-value");
        assertThat(job("ops", "cleanup").data().get("shell.command")).isEqualTo("sh\n-c\necho ${HOME}");
        assertThat(nightly.retry())
                .isEqualTo(RetryPolicy.exponential(4, Duration.ofSeconds(10), Duration.ofMinutes(5))
                        .withJitter(20)
                        .only(EnumSet.of(RetryPolicy.Failure.FAILED), "503"));
        assertThat(job("ops", "cleanup").retry()).isEqualTo(RetryPolicy.fixed(2, Duration.ofSeconds(30)));
        assertThat(nightly.data()).doesNotContainKeys("jobdeck.retry.attempts");

        String json = export(DocumentFormat.JSON);
        scheduler.clear();
        apply(json, Mode.MERGE);
        assertThat(export(DocumentFormat.YAML)).isEqualTo(first);
    }

    @Test
    void a_document_is_checked_whole_and_every_problem_is_named_by_its_path() throws Exception {
        String broken = """
                version: 1
                calendars:
                  - name: bad
                    kind: HOLIDAYS
                    zone: Mars/Olympus
                    dates: [2030-01-01]
                jobs:
                  - group: a
                    name: one
                    type: HTTP
                    bogus: 1
                    properties: {http.method: GET}
                    triggers: [{cron: "0 0 3 * * ?", zone: UTC}]
                  - group: a
                    name: two
                    type: HTTP
                    properties: {http.url: "https://x.example.com"}
                    triggers:
                      - {cron: "not a cron", zone: UTC}
                      - {every: PT1M, zone: UTC, calendar: nowhere}
                  - group: a
                    name: three
                    type: HTTP
                    properties: {http.url: "https://x.example.com", http.headers: "Authorization: ${MISSING_TOKEN}"}
                  - group: a
                    name: four
                    type: HTTP
                    properties: {http.url: "https://x.example.com"}
                    triggers: [{zone: UTC}, {cron: "0 * * * * ?", zone: UTC, name: other}]
                  - group: a
                    name: five
                    type: HTTP
                    properties: {http.url: "https://x.example.com"}
                    retry: {maxAttempts: 3, backoff: SOMETIMES, delay: soon, failures: [ALWAYS]}
                  - group: a
                    name: six
                    type: HTTP
                    properties: {http.url: "https://x.example.com"}
                    retry: {maxAttempts: 20, backoff: EXPONENTIAL, delay: PT1M, maxDelay: PT10S, jitter: 500}
                  - group: a
                    name: seven
                    type: HTTP
                    properties: {http.url: "https://x.example.com"}
                    retry: {maxAttempts: 3, failures: [], when: always}
                """;
        ImportPlan plan = code.readPlan(broken, Mode.MERGE, Locale.ENGLISH)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        assertThat(plan.valid()).isFalse();
        assertThat(plan.problems())
                .extracting(ImportPlan.Problem::path)
                .contains(
                        "calendars[0].zone",
                        "jobs[0].bogus",
                        "jobs[0].properties.http.url",
                        "jobs[1].triggers[0].cron",
                        "jobs[1].triggers[1].calendar",
                        "jobs[2].properties.http.headers",
                        "jobs[3].triggers[0]",
                        "jobs[3].triggers[1].name",
                        "jobs[4].retry.backoff",
                        "jobs[4].retry.delay",
                        "jobs[4].retry.failures[0]",
                        "jobs[5].retry.maxAttempts",
                        "jobs[5].retry.maxDelay",
                        "jobs[5].retry.jitter",
                        "jobs[6].retry.when",
                        "jobs[6].retry.failures");
        assertThat(plan.problems())
                .filteredOn(p -> p.path().equals("jobs[2].properties.http.headers"))
                .extracting(ImportPlan.Problem::message)
                .singleElement()
                .asString()
                .contains("MISSING_TOKEN");
        assertThatThrownBy(() -> apply(broken, Mode.MERGE)).hasCauseInstanceOf(JobsAsCode.Invalid.class);
        assertThat(scheduler.getJobKeys(GroupMatcher.anyJobGroup())).isEmpty();
        assertThat(scheduler.getCalendarNames()).isEmpty();
    }

    @Test
    void the_dry_run_shows_added_changed_field_by_field_removed_and_unchanged_and_changes_nothing() throws Exception {
        apply(
                document(
                        job("a", "keep", "0 0 1 * * ?"),
                        job("a", "change", "0 0 2 * * ?"),
                        job("a", "gone", "0 0 3 * * ?"),
                        job("b", "other", "0 0 4 * * ?")),
                Mode.MERGE);
        String next = document(
                job("a", "keep", "0 0 1 * * ?"),
                new DefinitionsDocument.JobEntry(
                        "a",
                        "change",
                        "Now at five",
                        JobDefinition.JobType.HTTP,
                        Map.of("http.url", "https://x.example.com/a.change"),
                        List.of(cron("0 0 5 * * ?")),
                        new DefinitionsDocument.RetryEntry(3, null, "30", null, null, null, null)),
                job("a", "new", "0 0 6 * * ?"));

        ImportPlan plan = code.readPlan(next, Mode.REPLACE, Locale.ENGLISH)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.changes())
                .extracting(c -> c.action() + " " + c.key())
                .containsExactlyInAnyOrder("UNCHANGED a.keep", "CHANGED a.change", "ADDED a.new", "REMOVED a.gone");
        ImportPlan.Change changed = plan.changes().stream()
                .filter(c -> c.action() == Action.CHANGED)
                .findFirst()
                .orElseThrow();
        assertThat(changed.fields())
                .extracting(f -> f.field() + ": " + f.before() + " → " + f.after())
                .containsExactly(
                        "description:  → Now at five",
                        "triggers.change.cron: 0 0 2 * * ? → 0 0 5 * * ?",
                        "retry.maxAttempts:  → 3",
                        "retry.delay:  → PT30S");
        assertThat(keys()).containsExactlyInAnyOrder("a.keep", "a.change", "a.gone", "b.other");
    }

    @Test
    void merge_adds_and_updates_while_replace_also_deletes_what_the_document_lacks_in_its_groups_only()
            throws Exception {
        apply(
                document(
                        job("a", "one", "0 0 1 * * ?"),
                        job("a", "two", "0 0 2 * * ?"),
                        job("b", "three", "0 0 3 * * ?")),
                Mode.MERGE);
        String onlyOne = document(job("a", "one", "0 0 9 * * ?"));

        ImportPlan merged = apply(onlyOne, Mode.MERGE);
        assertThat(merged.count(Subject.JOB, Action.CHANGED)).isEqualTo(1);
        assertThat(keys()).containsExactlyInAnyOrder("a.one", "a.two", "b.three");

        ImportPlan replaced = apply(onlyOne, Mode.REPLACE);
        assertThat(replaced.count(Subject.JOB, Action.REMOVED)).isEqualTo(1);
        assertThat(keys()).containsExactlyInAnyOrder("a.one", "b.three");
        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        AuditEntry last = audit.search(new AuditFilter(null, AuditAction.IMPORT_DEFINITIONS, null, null, null), 0, 1)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .entries()
                .getFirst();
        assertThat(last.detail()).contains("1 removed", "1 unchanged", "replace");
    }

    @Test
    void an_import_whose_last_job_is_invalid_leaves_the_store_as_it_was() throws Exception {
        apply(document(job("big", "existing", "0 0 1 * * ?")), Mode.MERGE);
        List<DefinitionsDocument.JobEntry> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(job("big", "job-" + i, i == 1_999 ? "not a cron" : "0 0 1 * * ?"));
        }
        String text = DocumentFormat.YAML.write(new DefinitionsDocument(1, List.of(), many));

        assertThatThrownBy(() -> apply(text, Mode.REPLACE))
                .cause()
                .isInstanceOfSatisfying(
                        JobsAsCode.Invalid.class,
                        invalid -> assertThat(invalid.problems())
                                .extracting(ImportPlan.Problem::path)
                                .containsExactly("jobs[1999].triggers[0].cron"));
        assertThat(keys()).containsExactly("big.existing");
    }

    @Test
    void a_job_managed_by_a_file_is_not_edited_here_and_is_released_when_the_file_drops_it() throws Exception {
        String file = "file:/etc/jobdeck/jobs.yaml";
        code.apply(document(job("m", "owned", "0 0 1 * * ?")), Mode.MERGE, file, Locale.ENGLISH)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        JobDefinitions.Editable editable = definitions
                .readEditable("m", "owned")
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .orElseThrow();
        assertThat(editable.managedBy()).isEqualTo(file);
        assertThatThrownBy(() -> definitions
                        .update("m", "owned", editable.version(), editable.definition(), Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(JobDefinitions.Managed.class)
                .hasMessageContaining("edit the file");
        // Nor deleted here: it would come back at the next start.
        assertThatThrownBy(() ->
                        commands.delete("m", "owned").toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(io.jobdeck.jobs.JobCommandException.class)
                .hasMessageContaining("managed by the definitions file " + file);
        assertThat(scheduler.checkExists(org.quartz.JobKey.jobKey("owned", "m")))
                .isTrue();
        ImportPlan byHand = code.readPlan(document(job("m", "owned", "0 0 7 * * ?")), Mode.MERGE, Locale.ENGLISH)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(byHand.problems()).extracting(ImportPlan.Problem::path).containsExactly("jobs[0]");
        ImportPlan same = code.readPlan(document(job("m", "owned", "0 0 1 * * ?")), Mode.MERGE, Locale.ENGLISH)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(same.changes()).extracting(ImportPlan.Change::action).containsExactly(Action.UNCHANGED);

        code.apply(document(job("m", "other", "0 0 1 * * ?")), Mode.MERGE, file, Locale.ENGLISH)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(catalog.read((g, n) -> n.equals("owned")).jobs().getFirst().managedBy())
                .isNull();
    }

    @Test
    void the_command_line_exports_to_a_file_and_imports_it_with_a_dry_run(@TempDir Path dir) throws Exception {
        apply(CATALOG, Mode.MERGE);
        Path file = dir.resolve("jobs.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(command.execute(List.of("export", file.toString()), false, null, print(out), print(err)))
                .isZero();
        assertThat(Files.readString(file)).isEqualTo(export(DocumentFormat.YAML));
        Files.writeString(file, Files.readString(file).replace("The nightly report", "The new report"));
        assertThat(command.execute(List.of("import", file.toString()), true, "merge", print(out), print(err)))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("changed job reports.nightly", "description: The nightly report → The new report", "Dry run");
        assertThat(job("reports", "nightly").description()).isEqualTo("The nightly report");
        Files.writeString(file, "version: 2");
        assertThat(command.execute(List.of("import", file.toString()), false, null, print(out), print(err)))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("version: Version 2 is not known");
    }

    @Test
    void the_api_exports_yaml_or_json_and_refuses_a_bad_document_with_a_problem_detail_listing_every_path()
            throws Exception {
        apply(CATALOG, Mode.MERGE);
        RestClient api = RestClient.builder()
                .baseUrl("http://localhost:" + port + "/api/v1/definitions")
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-pass"))
                .build();

        assertThat(api.get().retrieve().body(String.class)).isEqualTo(export(DocumentFormat.YAML));
        assertThat(api.get().accept(MediaType.APPLICATION_JSON).retrieve().body(String.class))
                .isEqualTo(export(DocumentFormat.JSON));
        String refused = api.post()
                .uri("?dryRun=true")
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body("version: 1\njobs:\n  - {group: a, name: b, type: NOPE}\n")
                .exchange((req, res) ->
                        res.getStatusCode().value() + " " + res.getHeaders().getContentType() + " "
                                + new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(refused).startsWith("400 application/problem+json").contains("\"path\":\"jobs[0].type\"");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private ImportPlan apply(String text, Mode mode) throws Exception {
        return code.apply(text, mode, null, Locale.ENGLISH)
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS)
                .plan();
    }

    private String export(DocumentFormat format)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        return code.readExport(JobsAsCode.Selection.ALL, format)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS)
                .text();
    }

    private JobDefinition job(String group, String name) throws Exception {
        return catalog.read((g, n) -> g.equals(group) && n.equals(name))
                .jobs()
                .getFirst()
                .definition();
    }

    private List<String> keys() throws Exception {
        return scheduler.getJobKeys(GroupMatcher.anyJobGroup()).stream()
                .map(k -> k.getGroup() + "." + k.getName())
                .toList();
    }

    static DefinitionsDocument.JobEntry job(String group, String name, String cron) {
        return new DefinitionsDocument.JobEntry(
                group,
                name,
                null,
                JobDefinition.JobType.HTTP,
                Map.of("http.url", "https://x.example.com/" + group + "." + name),
                List.of(cron(cron)));
    }

    static DefinitionsDocument.TriggerEntry cron(String cron) {
        return new DefinitionsDocument.TriggerEntry(
                null, cron, null, null, null, "UTC", null, null, null, null, null, null);
    }

    static String document(DefinitionsDocument.JobEntry... jobs) {
        return DocumentFormat.YAML.write(new DefinitionsDocument(1, List.of(), List.of(jobs)));
    }
}
